package dev.lockxref.indexer;

import dev.lockxref.index.LockIndex;
import dev.lockxref.testing.KernelTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One index of the real tree's fs/, mm/, kernel/locking, include/ and block/fops.c (blkdev_llseek, a real profile's caller), built once for all the ITs of this module. */
final class SharedIndex {
  static final List<String> SUBSET = List.of("fs", "mm", "kernel/locking", "include", "block/fops.c");
  private static LockIndex index;
  private static IndexSummary summary;

  private SharedIndex() {}

  static synchronized LockIndex get() throws Exception {
    if (index == null) {
      Path dir = Files.createTempDirectory("lockxref-it").resolve("6.1");
      summary = new Indexer("test").index(new IndexRequest(KernelTree.path(), null, dir, 2, SUBSET, "ctags"), Progress.NONE);
      index = openUntilExit(dir);
      System.out.printf("indexed %s: %d files, %d functions, %d calls, %d sites, %.1f%% resolved, %d wrappers, %.1f s%n",
          SUBSET, summary.info().files(), summary.info().functions(), summary.info().calls(), summary.info().sites(),
          100 * summary.resolvedShare(), summary.wrappers(), summary.seconds());
    }
    return index;
  }

  /** Opens the index in DIR, a folder in a temporary one: closed, and the temporary folder deleted, when the JVM exits. */
  static LockIndex openUntilExit(Path dir) {
    LockIndex opened = LockIndex.open(dir);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      opened.close();
      try {
        IndexFolder.delete(dir.getParent());
      } catch (java.io.IOException e) {
        // a temporary folder: the system cleans it
      }
    }));
    return opened;
  }

  static IndexSummary summary() {
    return summary;
  }
}
