package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockxref.UserError;
import dev.lockxref.index.LockIndex;
import dev.lockxref.testing.Testdata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one clear line each, and an index that was there stays as it was. */
class IndexerBadInputTest {
  @TempDir Path tmp;

  private IndexSummary index(Path tree, Path out, String ctags) {
    return new Indexer("test").index(new IndexRequest(tree, null, out, 2, List.of(), ctags), Progress.NONE);
  }

  private static Path mini() {
    return Testdata.root().resolve("minitree");
  }

  @Test
  void aTreeThatDoesNotExist() {
    assertThatThrownBy(() -> index(tmp.resolve("nowhere"), tmp.resolve("out"), "ctags"))
        .isInstanceOf(UserError.class).hasMessageContaining("no such directory");
  }

  @Test
  void aTreeWithoutC() throws Exception {
    Files.writeString(tmp.resolve("README"), "no code here\n");
    assertThatThrownBy(() -> index(tmp, tmp.resolve("out"), "ctags"))
        .isInstanceOf(UserError.class).hasMessageContaining("no .c or .h files");
  }

  @Test
  void aTreeThatIsAFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("tree.c"), "int x;\n");
    assertThatThrownBy(() -> index(file, tmp.resolve("out"), "ctags"))
        .isInstanceOf(UserError.class).hasMessageContaining("not a directory");
  }

  @Test
  void aTargetThatIsAFile() throws Exception {
    Path target = Files.writeString(tmp.resolve("index"), "not an index\n");
    assertThatThrownBy(() -> index(mini(), target, "ctags"))
        .isInstanceOf(UserError.class).hasMessageContaining("exists and is not a directory");
    assertThat(Files.readString(target)).isEqualTo("not an index\n");
  }

  @Test
  void ctagsMissing() {
    assertThatThrownBy(() -> index(mini(), tmp.resolve("out"), tmp.resolve("no-ctags").toString()))
        .isInstanceOf(UserError.class).hasMessageContaining("Universal Ctags is not installed");
  }

  @Test
  void ctagsFailingHalfWayLeavesTheOldIndexUntouched() throws Exception {
    Path out = tmp.resolve("index");
    index(mini(), out, "ctags");
    String before;
    try (LockIndex old = LockIndex.open(out)) {
      before = old.info().created() + " " + old.info().sites();
    }
    // a ctags that answers --version like the real one, then dies on the files it is given
    Path broken = tmp.resolve("ctags");
    Files.writeString(broken, "#!/bin/sh\nif [ \"$1\" = --version ]; then exec ctags --version; fi\n"
        + "echo 'ctags: Segmentation fault reading fs/minifs.c' >&2\nexit 139\n");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThatThrownBy(() -> index(mini(), out, broken.toString()))
        .isInstanceOf(UserError.class).hasMessageContaining("ctags exited with 139").hasMessageContaining("Segmentation fault");
    try (LockIndex still = LockIndex.open(out)) {
      assertThat(still.info().created() + " " + still.info().sites()).isEqualTo(before);
    }
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".building-"));
    }
  }

  @Test
  void aSecondIndexOfTheSameTreeReplacesTheFirst() throws Exception {
    Path out = tmp.resolve("index");
    index(mini(), out, "ctags");
    IndexSummary second = index(mini(), out, "ctags");
    try (LockIndex idx = LockIndex.open(out)) {
      assertThat(idx.info().created()).isEqualTo(second.info().created());
      assertThat(idx.count("meta")).isEqualTo(1);
    }
  }

  @Test
  void anEmptyFolderIsNotAnIndex() {
    assertThatThrownBy(() -> LockIndex.open(tmp)).isInstanceOf(UserError.class).hasMessageContaining("not a lockxref index");
  }

  @Test
  void anIndexOfAnotherSchemaIsRefused() throws Exception {
    Path dir = tmp.resolve("future");
    try (org.apache.lucene.index.IndexWriter w = new org.apache.lucene.index.IndexWriter(
        org.apache.lucene.store.FSDirectory.open(dir), new org.apache.lucene.index.IndexWriterConfig())) {
      w.addDocument(dev.lockxref.index.IndexSchema.meta(new dev.lockxref.index.IndexInfo("/t", "1.0", "x", "ctags", 999,
          "2026-01-01T00:00:00Z", 0, 0, 0, 0, 0, "")));
    }
    assertThatThrownBy(() -> LockIndex.open(dir)).isInstanceOf(UserError.class)
        .hasMessageContaining("index schema 999").hasMessageContaining("rebuild it");
  }
}
