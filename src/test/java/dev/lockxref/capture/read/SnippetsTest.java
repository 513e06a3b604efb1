package dev.lockxref.capture.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.HeldLock;
import dev.lockxref.capture.LockStat;
import dev.lockxref.capture.Skipped;
import dev.lockxref.capture.Task;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Analyzer;
import dev.lockxref.stack.TaskView;
import dev.lockxref.testing.Testdata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests over the hand-written snippets of testdata/snippets: each NAME.txt is read and
 * summarised, and the summary must equal NAME.expected. Run with -Dlockxref.regenerate=true to
 * rewrite the expected files (and then check them by hand before committing).
 */
class SnippetsTest {
  private final CaptureParser parser = new CaptureParser();
  private final Analyzer analyzer = new Analyzer();

  @TestFactory
  Stream<DynamicTest> everySnippetReadsAsExpected() throws IOException {
    List<Path> snippets;
    try (Stream<Path> files = Files.list(Testdata.snippets())) {
      snippets = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertThat(snippets).hasSizeGreaterThanOrEqualTo(14);
    return snippets.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private void check(Path snippet) throws IOException {
    List<Capture> captures;
    try (InputStream in = Files.newInputStream(snippet)) {
      captures = parser.parse(snippet.getFileName().toString(), in);
    }
    String summary = summary(analyzer.analyze(captures));
    Path expected = Path.of(snippet.toString().replaceAll("\\.txt$", ".expected"));
    if (Boolean.getBoolean("lockxref.regenerate")) {
      Files.writeString(expected, summary, StandardCharsets.UTF_8);
    }
    assertThat(summary).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  static String summary(Analysis a) {
    List<String> out = new ArrayList<>();
    for (Capture c : a.captures()) {
      out.add("capture " + c.source() + " formats=" + String.join(",", c.formats()) + " release=" + c.kernelRelease()
          + " time=" + c.time());
      for (HeldLock h : c.heldLocks()) {
        out.add("  held " + h.comm() + "/" + h.pid() + " #" + h.index() + " " + h.lockClass() + " at=" + h.at());
      }
      for (LockStat s : c.lockStats()) {
        out.add("  stat " + s.name() + " type=" + s.type() + " contended=" + s.contended() + " wait=" + s.totalWait()
            + " frames=" + s.frames().size());
      }
      for (Skipped s : c.skipped()) {
        out.add("  skipped " + s.count() + " " + s.reason() + " lines=" + s.exampleLines());
      }
    }
    for (TaskView v : a.tasks()) {
      Task t = v.task();
      out.add("task " + t.pid() + " " + t.comm() + " state=" + t.state() + (t.cpu() >= 0 ? " cpu=" + t.cpu() : "")
          + (t.weight() != 1 ? " weight=" + t.weight() : "") + " frames=" + t.frames().size()
          + (t.frames().isEmpty() ? "" : " top=" + t.frames().get(0)));
      out.add("  " + v.activity().id() + " at " + v.stack().waitSite() + " in " + v.stack().waitsIn()
          + (t.blocker() == null ? "" : " blocker=" + t.blocker().kind() + " owner=" + t.blocker().ownerComm() + "/" + t.blocker().ownerPid()));
    }
    return String.join("\n", out) + "\n";
  }
}
