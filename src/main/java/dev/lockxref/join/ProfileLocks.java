package dev.lockxref.join;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Frame;
import dev.lockxref.capture.LockStat;
import dev.lockxref.capture.read.FrameLine;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.WhoTakes;
import dev.lockxref.stack.FrameNames;
import dev.lockxref.stack.Simplifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which lock each row of a contention profile names: for a row that names its caller
 * ({@code blkdev_llseek+0x31}, perf lock contention and klockstat), the caller's acquisition of a
 * lock of the row's type, else that of the frame its call stack waits in (perf names the caller
 * after the lock functions it knows, and may pass over one: {@code do_syscall_64} for a rename's
 * mutex); for a row that names the lock (a lockdep class in lock_stat, a lock's name), the
 * identity of that name when it is one.
 */
final class ProfileLocks {
  private final IndexCache cache;
  private final ActivityLocks locks;
  private final Simplifier simplifier;
  private final FrameNames names = new FrameNames();
  private final WhoTakes who;
  /** lock_stat names a class in several rows (its -R and -W, its contention points) */
  private final Map<String, WhoTakes.Reading> readings = new HashMap<>();

  ProfileLocks(IndexCache cache, ActivityLocks locks, Simplifier simplifier) {
    this.cache = cache;
    this.locks = locks;
    this.simplifier = simplifier;
    this.who = new WhoTakes(cache.index());
  }

  List<ProfileLock> resolve(List<Capture> captures) {
    List<ProfileLock> out = new ArrayList<>();
    for (int c = 0; c < captures.size(); c++) {
      List<LockStat> rows = captures.get(c).lockStats();
      for (int r = 0; r < rows.size(); r++) {
        if (rows.get(r).contended() == 0) {
          // lock_stat lists every class it saw: the quiet ones are no lead
          continue;
        }
        ProfileLock found = resolve(c, r, rows.get(r));
        if (found != null) {
          out.add(found);
        }
      }
    }
    return out;
  }

  private ProfileLock resolve(int capture, int row, LockStat stat) {
    Frame caller = stat.name().contains("+0x") ? FrameLine.parse(stat.name()) : null;
    return caller != null ? byCaller(capture, row, stat, caller) : byName(capture, row, stat);
  }

  private ProfileLock byCaller(int capture, int row, LockStat stat, Frame caller) {
    ActivityLocks.LockWait wait = stat.type() == null ? null : locks.profileType(stat.type());
    if (stat.type() != null && wait == null) {
      return null;
    }
    // a row without a type is of a sleeping lock: profilers that print none trace those
    WaiterSites sites = new WaiterSites(cache);
    List<WaiterSites.Candidate> found = sites.resolve(caller, names.normalise(caller), wait, true);
    Frame waitFrame = found.isEmpty() ? waitFrame(stat.frames()) : null;
    if (waitFrame != null) {
      found = sites.resolve(waitFrame, names.normalise(waitFrame), wait, true);
    }
    if (found.isEmpty()) {
      return null;
    }
    WaiterSites.Candidate best = found.get(0);
    LockSite s = best.site();
    return new ProfileLock(capture, row, s.identity(), s.file(), s.line(), s.function(), s.primitive(), s.expression(),
        best.confidence(), best.why());
  }

  private ProfileLock byName(int capture, int row, LockStat stat) {
    // lock_stat splits a reader-writer lock's rows into "-R" and "-W"
    WhoTakes.Reading reading = readings.computeIfAbsent(stat.name().replaceAll("-[RW]$", ""), who::read);
    if (reading.identities().size() != 1) {
      return null;
    }
    return new ProfileLock(capture, row, reading.identities().iterator().next(), null, 0, null, null, null, "likely",
        "the row names the " + reading.readAs());
  }

  /** The frame of a row's call stack that called into the lock functions, or null. */
  private Frame waitFrame(List<Frame> frames) {
    String site = frames.isEmpty() ? null : simplifier.simplify(frames).waitSite();
    if (site == null) {
      return null;
    }
    for (Frame f : frames) {
      if (f.reliable() && names.normalise(f).equals(site)) {
        return f;
      }
    }
    return null;
  }
}
