package dev.lockxref.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.index.IndexInfo;
import dev.lockxref.index.IndexSchema;
import dev.lockxref.index.LockIndex;
import dev.lockxref.testing.Testdata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An index left in the index home by an older lockxref (its schema one behind): analyze still
 * groups the stacks and says why there is no join; a query given that index refuses it in one line.
 * Run as a user runs it, with the packaged jar and LOCKXREF_INDEX_HOME.
 */
class StaleIndexIT {
  @TempDir static Path home;
  static Path stale;

  @BeforeAll
  static void build() throws Exception {
    stale = home.resolve("9.8.7");
    CommandLine cl = LockxrefCommand.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(cl.execute("index", Testdata.root().resolve("minitree").toString(), "--out", stale.toString())).isZero();
    IndexInfo info;
    try (LockIndex index = LockIndex.open(stale)) {
      info = index.info();
    }
    IndexInfo older = new IndexInfo(info.tree(), info.label(), info.toolVersion(), info.ctagsVersion(),
        IndexSchema.VERSION - 1, info.created(), info.files(), info.functions(), info.calls(), info.sites(),
        info.resolvedSites(), info.releases());
    try (IndexWriter w = new IndexWriter(FSDirectory.open(stale), new IndexWriterConfig(new KeywordAnalyzer()))) {
      w.deleteDocuments(new Term(IndexSchema.TYPE, "meta"));
      w.addDocument(IndexSchema.meta(older));
      w.commit();
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run lockxref(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", Path.of("target", "lockxref-all.jar").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("LOCKXREF_INDEX_HOME", home.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }

  @Test
  void analyzeGroupsTheStacksAndSaysWhyThereIsNoJoin() throws Exception {
    Path capture = Testdata.root().resolve("captures/dir-rwsem/round1-sysrq-w.txt.xz");
    Run r = lockxref("analyze", capture.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("What the tasks are doing").contains("waiting for an rwsem (write)")
        .contains("index schema " + (IndexSchema.VERSION - 1) + ", this lockxref reads schema " + IndexSchema.VERSION)
        .contains("shown without the source join");
  }

  @Test
  void aQueryGivenTheOldIndexRefusesItInOneLine() throws Exception {
    Run r = lockxref("who-takes", "s_vfs_rename_mutex", "--index", stale.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).singleElement().asString().contains("rebuild it with 'lockxref index'");
  }
}
