package dev.lockxref.capture.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Frame;
import dev.lockxref.capture.Task;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Analyzer;
import dev.lockxref.testing.Testdata;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * crash's output over a real memory dump of the lab's guest (testdata/lab/run with LAB_CRASH=1):
 * Debian's 6.1 kernel with 200 tasks piled up on a directory's rwsem, read by crash 8.0.6 with the
 * kernel's debug symbols. The counts and holders of each file are in its MANIFEST, which
 * LabCapturesTest checks; this test checks what only crash's forms carry.
 */
class LabCrashCapturesTest {
  private static final Path DIR = Testdata.captures().resolve("dir-rwsem-crash");

  private static Capture read(String name) throws Exception {
    Path file = DIR.resolve(name);
    try (InputStream in = CaptureInput.open(file.toString())) {
      List<Capture> captures = new CaptureParser().parse(name, in);
      assertThat(captures).hasSize(1);
      return captures.get(0);
    }
  }

  private static Task task(Capture c, int pid) {
    return c.tasks().stream().filter(t -> t.pid() == pid).findFirst().orElseThrow();
  }

  @Test
  void foreachBtReadsEveryTaskWithItsModuleFramesAndNothingSkipped() throws Exception {
    Capture c = read("round2-crash-foreach-bt.txt.xz");
    assertThat(c.formats()).containsExactly("crash");
    assertThat(c.skipped()).isEmpty();
    // register dumps and user-space RIP lines are neither frames nor skipped lines
    assertThat(c.tasks()).allSatisfy(t -> assertThat(t.frames()).extracting(Frame::function)
        .noneMatch(f -> f.startsWith("RIP") || f.startsWith("RAX")));
    Task holder = task(c, 217);
    assertThat(holder.comm()).isEqualTo("spooler");
    assertThat(holder.cpu()).isZero();
    assertThat(holder.frames()).extracting(Frame::function)
        .startsWith("__schedule", "schedule", "io_schedule", "bit_wait_io", "__wait_on_bit", "out_of_line_wait_on_bit",
            "ext4_read_bh", "ext4_read_inode_bitmap", "__ext4_new_inode", "ext4_create", "path_openat");
    Frame bitmap = holder.frames().get(7);
    assertThat(bitmap.module()).isEqualTo("ext4");
    assertThat(holder.frames().get(10).module()).isNull();
    assertThat(holder.frames().get(holder.frames().size() - 1).function()).isEqualTo("entry_SYSCALL_64_after_hwframe");
  }

  @Test
  void btLGivesTheSourceLineOfEachCoreKernelFrame() throws Exception {
    Capture c = read("round2-crash-foreach-un-bt-l.txt.xz");
    assertThat(c.formats()).containsExactly("crash", "crash-bt-l");
    Task holder = task(c, 217);
    Frame openat = holder.frames().stream().filter(f -> f.function().equals("path_openat")).findFirst().orElseThrow();
    assertThat(openat.file()).isEqualTo("debian/build/build_amd64_none_amd64/fs/namei.c");
    assertThat(openat.line()).isEqualTo(3535);
    Frame entry = holder.frames().get(holder.frames().size() - 1);
    assertThat(entry.file()).isEqualTo("/build/reproducible-path/linux-6.1.192/arch/x86/entry/entry_64.S");
    assertThat(entry.line()).isEqualTo(121);
    // crash has no line for a module's frame without the module's own debug symbols
    Frame create = holder.frames().stream().filter(f -> f.function().equals("ext4_create")).findFirst().orElseThrow();
    assertThat(create.file()).isNull();
    assertThat(create.module()).isEqualTo("ext4");
  }

  @Test
  void btAStartsEachStackAtTheExceptionRipWhereTheTaskWasStopped() throws Exception {
    Capture c = read("round2-crash-bt-a.txt.xz");
    // the idle task of each CPU: pid 0 twice
    assertThat(c.tasks()).extracting(Task::pid).containsExactly(0, 0);
    assertThat(c.tasks()).extracting(Task::comm).containsExactly("swapper/0", "swapper/1");
    assertThat(c.tasks()).extracting(Task::cpu).containsExactly(0, 1);
    for (Task t : c.tasks()) {
      assertThat(t.frames().get(0).function()).isEqualTo("native_safe_halt");
      assertThat(t.frames().get(0).offset()).isEqualTo(11);
      assertThat(t.frames().get(1).function()).isEqualTo("amd_e400_idle");
    }
    Analysis a = new Analyzer().analyze(List.of(c));
    assertThat(a.tasks()).extracting(v -> v.activity().id()).containsOnly("cpu-idle");
  }
}
