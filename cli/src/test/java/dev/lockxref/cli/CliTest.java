package dev.lockxref.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockxref.testing.Manifest;
import dev.lockxref.testing.Testdata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: output, exit codes, one-line errors. */
class CliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = LockxrefCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private static String lab(String file) {
    return Testdata.captures().resolve(file).toString();
  }

  private static Manifest.Entry entry(String scenario, String file) {
    return Manifest.read(Testdata.captures().resolve(scenario)).entries().stream()
        .filter(e -> e.file().getFileName().toString().equals(file)).findFirst().orElseThrow();
  }

  @Test
  void analyzeShowsThePileUpFirst() {
    Manifest.Entry expected = entry("rename-mutex", "round2-sysrq-w.txt.xz");
    assertThat(run("analyze", lab("rename-mutex/round2-sysrq-w.txt.xz"))).isZero();
    String text = out.toString();
    assertThat(text).contains(expected.tasks() + " tasks");
    String firstGroup = text.substring(text.indexOf("#1"), text.indexOf("#2"));
    assertThat(firstGroup).contains("waiting for a mutex").contains("do_renameat2");
    assertThat(firstGroup).contains(String.valueOf(expected.waiters()));
    assertThat(text).contains("waiting for disk I/O");
  }

  @Test
  void analyzeJsonCarriesTheDocumentedFields() throws Exception {
    java.util.List<Manifest.Entry> clean = Manifest.read(Testdata.captures().resolve("dir-rwsem")).entries().stream()
        .filter(e -> e.shape().equals("sysrq-w") && !e.interleaved()).limit(2).toList();
    assertThat(clean).hasSize(2);
    assertThat(run("analyze", "--format", "json", clean.get(0).file().toString(), clean.get(1).file().toString())).isZero();
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("captures")).hasSize(2);
    assertThat(doc.get("captures").get(0).get("source").asText()).endsWith(clean.get(0).file().getFileName().toString());
    assertThat(doc.get("tasks")).hasSize(clean.get(0).tasks() + clean.get(1).tasks());
    JsonNode first = doc.get("groups").get(0);
    assertThat(first.get("activity").asText()).isEqualTo("rwsem-write");
    assertThat(first.get("waitSite").asText()).isEqualTo("path_openat");
    assertThat(first.get("perCapture")).hasSize(2);
    assertThat(doc.get("skipped")).isNotNull();
    assertThat(doc.get("stuck")).isNotNull();
  }

  @Test
  void markdownAndFoldedFormats() {
    assertThat(run("analyze", "--format", "markdown", lab("dir-rwsem/round1-sysrq-w.txt.xz"))).isZero();
    assertThat(out.toString()).startsWith("## Kernel stacks: " + entry("dir-rwsem", "round1-sysrq-w.txt.xz").tasks() + " tasks")
        .contains("| 1 | ").contains("waiting for an rwsem (write)");
    out.getBuffer().setLength(0);
    assertThat(run("analyze", "--format", "folded", lab("dir-rwsem/round1-sysrq-w.txt.xz"))).isZero();
    assertThat(out.toString()).contains("spooler;entry_SYSCALL_64_after_hwframe;do_syscall_64;__x64_sys_openat;");
  }

  @Test
  void foldedOutputReadsBackWithTheSameCounts(@TempDir Path tmp) throws Exception {
    assertThat(run("analyze", "--format", "folded", lab("dir-rwsem/round1-sysrq-w.txt.xz"))).isZero();
    Path folded = tmp.resolve("stacks.folded");
    Files.writeString(folded, out.toString());
    out.getBuffer().setLength(0);
    assertThat(run("analyze", "--format", "json", folded.toString())).isZero();
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    long weight = 0;
    for (JsonNode t : doc.get("tasks")) {
      weight += t.has("weight") ? t.get("weight").asLong() : 1;
    }
    assertThat(weight).isEqualTo(entry("dir-rwsem", "round1-sysrq-w.txt.xz").tasks());
  }

  @Test
  void missingFileIsOneLineAndExitOne() {
    assertThat(run("analyze", "/no/such/capture.txt")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("lockxref: /no/such/capture.txt: no such file" + System.lineSeparator());
  }

  @Test
  void inputWithNoStacksIsOneLine(@TempDir Path tmp) throws Exception {
    Path junk = tmp.resolve("notes.txt");
    Files.writeString(junk, "hello\nthis is not a stack dump\n");
    assertThat(run("analyze", junk.toString())).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("no kernel stacks");
  }

  @Test
  void directoryAsCaptureIsOneLine(@TempDir Path tmp) {
    assertThat(run("analyze", tmp.toString())).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(1).first().asString().contains("is a directory");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("analyze", "--bogus", lab("dir-rwsem/round1-sysrq-w.txt.xz"))).isEqualTo(2);
    assertThat(err.toString()).startsWith("lockxref: Unknown option: '--bogus'");
    assertThat(err.toString().lines()).hasSize(2);
  }

  @Test
  void collectWritesACompressedCaptureAtomically(@TempDir Path tmp) throws Exception {
    Path target = tmp.resolve("stacks.txt.xz");
    assertThat(run("collect", "--rounds", "2", "--interval", "0.1", "-o", target.toString())).isZero();
    assertThat(Files.list(tmp)).containsExactly(target);
    assertThat(run("analyze", "--format", "json", target.toString())).isZero();
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get("captures")).hasSize(2);
    assertThat(doc.get("captures").get(0).get("formats").toString()).contains("collect");
  }
}
