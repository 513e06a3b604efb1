package dev.lockxref.capture.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lockxref.capture.Capture;
import dev.lockxref.stack.Analyzer;
import dev.lockxref.testing.Testdata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Input no parser should choke on: random bytes, cut files, a 1 GiB line, formats mixed. */
class HostileInputTest {
  private final CaptureParser parser = new CaptureParser();
  private final Analyzer analyzer = new Analyzer();

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(20261127);
    for (int i = 0; i < 300; i++) {
      byte[] junk = new byte[random.nextInt(20_000)];
      random.nextBytes(junk);
      assertThatCode(() -> analyzer.analyze(parser.parse("junk", new ByteArrayInputStream(junk)))).doesNotThrowAnyException();
    }
  }

  @Test
  void randomLinesOfKernelTokensNeverThrow() {
    String[] tokens = {"task:", "state:D", "pid:", "INFO: task ", ":12 blocked for more than 5 seconds.", "[<0>] ",
        "__schedule+0x1/0x2", "? ", "#0: ", "(", "){+.+.}", ", at: ", "locks held by ", "/", "PID: ", "TASK: ",
        "COMMAND: \"", "\"", " from ", "[<c0a0f0b4>] ", ";", " 12", "\n", "\n", "  ", "==> /proc/", "/stack <==",
        "<TASK>", "</TASK>", "Call Trace:", "0x", "ffffffff", "[  12.5] ", "Nov 27 12:00:01 h kernel: ", "\u00a0", "\t"};
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = random.nextInt(400); j > 0; j--) {
        sb.append(tokens[random.nextInt(tokens.length)]);
        if (random.nextInt(5) == 0) {
          sb.append(random.nextInt(100000));
        }
      }
      String text = sb.toString();
      assertThatCode(() -> analyzer.analyze(parser.parse("tokens", text))).as(text).doesNotThrowAnyException();
    }
  }

  @Test
  void labCapturesCutAtRandomPointsStillParse() throws IOException {
    Random random = new Random(11);
    for (Path p : labFiles()) {
      byte[] all;
      try (InputStream in = CaptureInput.unpack(Files.newInputStream(p), p.toString())) {
        all = in.readAllBytes();
      }
      for (int i = 0; i < 5; i++) {
        int end = random.nextInt(all.length + 1);
        byte[] cut = java.util.Arrays.copyOf(all, end);
        List<Capture> captures = parser.parse("cut", new ByteArrayInputStream(cut));
        assertThat(captures).isNotEmpty();
      }
    }
  }

  @Test
  void oneLineOfOneGibibyteIsReadInBoundedMemory() {
    long size = 1L << 30;
    InputStream huge = new InputStream() {
      long served;

      @Override
      public int read() {
        return served++ < size ? 'x' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (served >= size) {
          return -1;
        }
        int n = (int) Math.min(len, size - served);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        served += n;
        return n;
      }
    };
    List<Capture> captures = parser.parse("huge", huge);
    assertThat(captures.get(0).skipped()).anySatisfy(s -> assertThat(s.reason()).startsWith("line longer than"));
  }

  @Test
  void mixedFormatsInOneFileAreAllRead() throws IOException {
    ByteArrayOutputStream mixed = new ByteArrayOutputStream();
    int expectedTasks = 0;
    for (String name : List.of("crash-foreach-bt-l.txt", "blocker-lines.txt", "proc-stack-head.txt", "sysrq-w-2.6.txt", "arm32-hung-task.txt")) {
      byte[] bytes = Files.readAllBytes(Testdata.snippets().resolve(name));
      expectedTasks += CaptureParser.allTasks(parser.parse(name, new ByteArrayInputStream(bytes))).size();
      mixed.write(bytes);
      mixed.write('\n');
    }
    List<Capture> captures = parser.parse("mixed", new ByteArrayInputStream(mixed.toByteArray()));
    assertThat(CaptureParser.allTasks(captures)).hasSize(expectedTasks);
    assertThat(captures.stream().flatMap(c -> c.formats().stream()).distinct())
        .contains("crash", "hung-task-blocker", "proc-stack", "sysrq-w", "hung-task");
  }

  private static List<Path> labFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(Testdata.captures())) {
      walk.filter(p -> p.toString().endsWith(".xz")).sorted().limit(12).forEach(files::add);
    }
    return files;
  }
}
