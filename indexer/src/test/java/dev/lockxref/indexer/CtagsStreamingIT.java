package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.testing.KernelTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ctags' tags reach the indexer while ctags still reads the batch: run as "-o -" over a whole
 * batch, ctags kept all its tags in a temporary file and wrote them out at its exit, so the body
 * scan could not start before ctags had finished.
 */
class CtagsStreamingIT {
  @Test
  void theFirstFilesTagsArriveLongBeforeTheBatchIsDone() {
    SourceTree tree = new SourceTree(KernelTree.path());
    List<SourceFile> files = tree.files(List.of("fs/ext4", "fs/xfs", "fs/btrfs", "fs/nfs", "kernel", "mm"));
    List<Long> arrivals = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    List<String> repeated = new ArrayList<>();
    long start = System.nanoTime();
    new CtagsRunner("ctags").run(tree.root(), files, 1, tags -> {
      arrivals.add(System.nanoTime() - start);
      if (!paths.add(tags.get(0).path())) {
        repeated.add(tags.get(0).path());
      }
    });
    long total = System.nanoTime() - start;
    System.out.printf("%d files: first file's tags after %.2f s of %.2f s%n", files.size(), arrivals.get(0) / 1e9, total / 1e9);
    assertThat(arrivals).hasSizeGreaterThan(files.size() / 2);
    // with one "-o -" process over the whole batch, the first tags came after about seven tenths of the run
    assertThat(arrivals.get(0)).isLessThan(total / 4);
    assertThat(repeated).as("files whose tags came in two parts").isEmpty();
  }
}
