package dev.lockxref.capture;

import java.util.List;

/**
 * A lock-level fact from a contention profile ({@code perf lock contention}, {@code /proc/lock_stat},
 * bcc klockstat): a lock or call site, how often it was contended, how long was waited in total,
 * and the call stack where the profiler gave one.
 *
 * @param name the lock or caller as printed ({@code blkdev_llseek+0x31}, {@code &sb->s_type->i_mutex_key})
 * @param type the lock type as printed (spinlock, rwsem:W, mutex...), or null
 * @param contended how many times it was contended, or -1
 * @param totalWait total wait as printed (e.g. {@code 64.38 h}), or null
 * @param frames the call stack, innermost first; empty when none was given
 * @param line where the entry starts in the input, 1-based
 */
public record LockStat(String name, String type, long contended, String totalWait, List<Frame> frames, int line) {
  public LockStat {
    frames = List.copyOf(frames);
  }

  /** Whether the row names the caller that waited ({@code blkdev_llseek+0x31}), not the lock. */
  public boolean namesCaller() {
    return name.contains("+0x");
  }
}
