package dev.lockxref.capture;

import java.util.List;

/**
 * One task of a capture and its kernel stack, innermost frame first.
 *
 * @param pid the task's pid, or -1 when the capture does not say (folded stacks)
 * @param comm the task's name, or "?" when the capture does not say
 * @param state one-letter scheduler state (D, S, R, I, T, Z, X...) or "?" when unknown
 * @param cpu the CPU it ran on, or -1
 * @param frames the stack, innermost first
 * @param weight how many tasks this entry stands for (folded stacks carry counts), normally 1
 * @param wchan the wait channel when the capture gives one, else null
 * @param blocker what the kernel said blocks it (hung-task blocker lines), else null
 * @param line where the task starts in the input, 1-based
 */
public record Task(
    int pid,
    String comm,
    String state,
    int cpu,
    List<Frame> frames,
    long weight,
    String wchan,
    Blocker blocker,
    int line) {

  public Task {
    comm = comm == null || comm.isEmpty() ? "?" : comm;
    state = state == null || state.isEmpty() ? "?" : state;
    frames = List.copyOf(frames);
  }

  /** "comm/pid" as lockdep and people write it. */
  public String label() {
    return pid >= 0 ? comm + "/" + pid : comm;
  }
}
