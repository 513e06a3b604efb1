package dev.lockxref.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.capture.Frame;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simplifier's frame lists (noise-frames.txt) on stacks as the tools print them. */
class SimplifierTest {
  private final Simplifier simplifier = new Simplifier();

  private static List<Frame> stack(String... names) {
    return Arrays.stream(names).map(Frame::named).toList();
  }

  @Test
  void waitFramesGoFromTheTopAndEntryFramesFromTheBottom() {
    SimplifiedStack s = simplifier.simplify(stack("__schedule", "schedule", "pipe_wait", "pipe_read", "vfs_read",
        "ksys_read", "do_syscall_64", "entry_SYSCALL_64_after_hwframe"));
    assertThat(s.frames()).containsExactly("pipe_wait", "pipe_read", "vfs_read", "ksys_read");
    assertThat(s.waitSite()).isEqualTo("pipe_wait");
    assertThat(s.waitsIn()).isEqualTo("schedule");
  }

  /** bcc's offcputime printed a symbol past ret_from_fork, where the unwinder read beyond the stack. */
  @Test
  void nothingPastAThreadsFirstFrameIsTheTasks() {
    SimplifiedStack s = simplifier.simplify(stack("schedule", "io_schedule_timeout", "bit_wait_io", "__wait_on_bit",
        "out_of_line_wait_on_bit", "__wait_on_buffer", "jbd2_journal_commit_transaction", "kjournald2", "kthread",
        "ret_from_fork", "mb_cache_list"));
    assertThat(s.frames()).endsWith("kjournald2").doesNotContain("mb_cache_list");
  }
}
