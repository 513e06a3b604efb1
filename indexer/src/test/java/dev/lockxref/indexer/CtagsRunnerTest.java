package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CtagsRunnerTest {
  private static long size(List<SourceFile> files) {
    return files.stream().mapToLong(SourceFile::size).sum();
  }

  @Test
  void partsGrowFromSmallToTheLargestAndKeepEveryFileOnceInOrder() {
    // 3,000 files of 20 KB, about the tree's average: 60 MB
    List<SourceFile> batch = IntStream.range(0, 3000).mapToObj(i -> new SourceFile("f" + i + ".c", 20_000)).toList();
    List<List<SourceFile>> parts = CtagsRunner.parts(batch);
    List<SourceFile> joined = new ArrayList<>();
    parts.forEach(joined::addAll);
    assertThat(joined).isEqualTo(batch);
    assertThat(size(parts.get(0))).isBetween(CtagsRunner.FIRST_PART, CtagsRunner.FIRST_PART + 20_000);
    for (int k = 1; k < parts.size() - 1; k++) {
      assertThat(size(parts.get(k))).isGreaterThanOrEqualTo(size(parts.get(k - 1)));
      assertThat(size(parts.get(k))).isLessThan(CtagsRunner.LARGEST_PART + 20_000);
    }
    assertThat(parts).hasSizeBetween(8, 14);
  }

  @Test
  void aSilentFailureOnAFullDiskSaysTheDiskIsFull() {
    java.nio.file.Path tmp = java.nio.file.Path.of("/tmp");
    assertThat(CtagsRunner.silentFailure(tmp, 40 * 1024)).isEqualTo("no message, and the disk holding /tmp is full (40 KiB free)");
    assertThat(CtagsRunner.silentFailure(tmp, 70L << 30)).isEqualTo("no message");
  }

  @Test
  void aFileLargerThanAnyPartIsAPartOfItsOwn() {
    List<SourceFile> batch = List.of(new SourceFile("huge.h", 40L << 20), new SourceFile("small.c", 100));
    assertThat(CtagsRunner.parts(batch)).containsExactly(List.of(batch.get(0)), List.of(batch.get(1)));
  }
}
