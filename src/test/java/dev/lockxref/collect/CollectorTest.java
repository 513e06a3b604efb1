package dev.lockxref.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Task;
import dev.lockxref.capture.read.CaptureParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The collector on this machine's real /proc (the test command runs as root, as collect must). */
class CollectorTest {
  @Test
  void collectsEveryThreadInRoundsThatAnalyzeReads() throws Exception {
    Collector collector = new Collector();
    collector.checkAccess();
    StringWriter text = new StringWriter();
    long threads = collector.collect(2, 100, new PrintWriter(text));

    List<Capture> captures = new CaptureParser().parse("collected", text.toString());
    assertThat(captures).hasSize(2);
    assertThat(captures.get(0).formats()).contains("collect");
    String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
    assertThat(captures).allSatisfy(c -> assertThat(c.kernelRelease()).isEqualTo(release));
    assertThat(captures.get(0).tasks().size() + captures.get(1).tasks().size()).isEqualTo((int) threads);

    int me = (int) ProcessHandle.current().pid();
    Task self = captures.get(0).tasks().stream().filter(t -> t.pid() == me).findFirst().orElseThrow();
    assertThat(self.comm()).isEqualTo("java");
    assertThat(self.state()).isIn("R", "S", "D");
    Task kthreadd = captures.get(0).tasks().stream().filter(t -> t.pid() == 2).findFirst().orElseThrow();
    assertThat(kthreadd.comm()).isEqualTo("kthreadd");
    assertThat(kthreadd.frames()).extracting(f -> f.function()).contains("kthreadd");
  }
}
