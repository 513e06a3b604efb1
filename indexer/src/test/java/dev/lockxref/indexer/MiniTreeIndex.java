package dev.lockxref.indexer;

import dev.lockxref.index.LockIndex;
import dev.lockxref.testing.Testdata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One index of testdata/minitree, built once for all the tests of this module that read it. */
final class MiniTreeIndex {
  private static LockIndex index;

  private MiniTreeIndex() {}

  static synchronized LockIndex get() throws Exception {
    if (index == null) {
      Path dir = Files.createTempDirectory("lockxref-mini").resolve("index");
      new Indexer("test").index(new IndexRequest(Testdata.root().resolve("minitree"), null, dir, 2, List.of(), "ctags"),
          Progress.NONE);
      index = SharedIndex.openUntilExit(dir);
    }
    return index;
  }
}
