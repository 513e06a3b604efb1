package dev.lockxref.capture;

import java.util.List;

/**
 * Everything read from one capture: the tasks and their stacks, and the lock facts the kernel
 * printed beside them. A file holding several rounds (several sysrq dumps) gives one capture each.
 *
 * @param source the file name, or "-" for standard input, with "#N" for the N-th round in it
 * @param formats the formats met, e.g. [sysrq-w, lockdep]
 * @param time when it was taken, as printed (kernel timestamp or wall clock), or null
 * @param kernelRelease the kernel release when the capture states it, or null
 * @param tasks the tasks in input order
 * @param heldLocks lockdep's held-locks entries
 * @param lockStats contention-profile entries
 * @param skipped what was not understood
 */
public record Capture(
    String source,
    List<String> formats,
    String time,
    String kernelRelease,
    List<Task> tasks,
    List<HeldLock> heldLocks,
    List<LockdepHolder> lockdepHolders,
    List<LockStat> lockStats,
    List<Skipped> skipped) {

  public Capture {
    formats = List.copyOf(formats);
    tasks = List.copyOf(tasks);
    heldLocks = List.copyOf(heldLocks);
    lockdepHolders = List.copyOf(lockdepHolders);
    lockStats = List.copyOf(lockStats);
    skipped = List.copyOf(skipped);
  }

  /** How many entries lockdep listed under PID here. */
  public long listedLocks(int pid) {
    return heldLocks.stream().filter(h -> h.pid() == pid).count();
  }

  /** The tasks lockdep says hold more locks than it listed (it lists none for a running task). */
  public List<LockdepHolder> unlistedHolders() {
    return lockdepHolders.stream().filter(h -> h.count() > listedLocks(h.pid())).toList();
  }

  /** Tasks this capture stands for, counting the weights of folded stacks. */
  public long taskCount() {
    return tasks.stream().mapToLong(Task::weight).sum();
  }

  /** Whether anything was read here: task stacks, lockdep's held locks or a contention profile's rows. */
  public boolean hasFacts() {
    return !tasks.isEmpty() || !heldLocks.isEmpty() || !lockStats.isEmpty();
  }
}
