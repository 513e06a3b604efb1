package dev.lockxref.join;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Frame;
import dev.lockxref.capture.LockStat;
import dev.lockxref.capture.read.FrameLine;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.WhoTakes;
import dev.lockxref.stack.FrameNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which lock each row of a contention profile names: for a row that names its caller
 * ({@code blkdev_llseek+0x31}, perf lock contention and klockstat), the caller's acquisition of a
 * lock of the row's type, else that of the innermost frame of its call stack that takes one (perf
 * names the caller after the lock functions it knows, and may pass over one: {@code do_syscall_64}
 * for a rename's mutex, {@code blkdev_llseek} for the spinlock inside its rwsem's slow path); for a row that names the lock (a lockdep class in lock_stat, a lock's name), the
 * identity of that name when it is one.
 */
final class ProfileLocks {
  /** How far up a row's call stack the lock is looked for: past the lock's own functions, to its caller. */
  private static final int FRAMES_TRIED = 8;

  private final IndexCache cache;
  private final ActivityLocks locks;
  /** read once: a join is made per capture, most without a profile */
  private static final FrameNames NAMES = new FrameNames();
  private final WhoTakes who;
  /** lock_stat names a class in several rows (its -R and -W, its contention points) */
  private final Map<String, WhoTakes.Reading> readings = new HashMap<>();

  ProfileLocks(IndexCache cache, ActivityLocks locks) {
    this.cache = cache;
    this.locks = locks;
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
    Frame caller = stat.namesCaller() ? FrameLine.parse(stat.name()) : null;
    return caller != null ? byCaller(capture, row, stat, caller) : byName(capture, row, stat);
  }

  private ProfileLock byCaller(int capture, int row, LockStat stat, Frame caller) {
    ActivityLocks.LockWait wait = stat.type() == null ? null : locks.profileType(stat.type());
    if (stat.type() != null && wait == null) {
      return null;
    }
    // a row without a type is of a sleeping lock: profilers that print none trace those
    WaiterSites sites = new WaiterSites(cache);
    List<Frame> stack = stat.frames();
    String callerName = NAMES.normalise(caller);
    List<WaiterSites.Candidate> found = takenIn(sites, caller, callerName, wait, stack);
    for (int i = 0; i < Math.min(stack.size(), FRAMES_TRIED) && found.isEmpty(); i++) {
      Frame f = stack.get(i);
      String function = NAMES.normalise(f);
      if (f.reliable() && !function.equals(callerName)) {
        found = takenIn(sites, f, function, wait, stack);
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    WaiterSites.Candidate best = found.get(0);
    LockSite s = best.site();
    return new ProfileLock(capture, row, s.identity(), s.file(), s.line(), s.function(), s.primitive(), s.expression(),
        best.confidence(), best.why());
  }

  /**
   * The sites of FUNCTION (as FRAME) that take a lock of WAIT; among several, those of the
   * primitive the stack's frame inside it names ({@code _raw_spin_lock} is {@code spin_lock}, not
   * the {@code xa_lock_irq} beside it), when any is.
   */
  private List<WaiterSites.Candidate> takenIn(WaiterSites sites, Frame frame, String function, ActivityLocks.LockWait wait,
      List<Frame> stack) {
    List<String> primitives = primitivesInside(function, stack);
    if (!primitives.isEmpty()) {
      List<WaiterSites.Candidate> named = sites.resolve(frame, function, wait, true, s -> primitives.contains(s.primitive()));
      if (!named.isEmpty()) {
        return named;
      }
    }
    return sites.resolve(frame, function, wait, true);
  }

  /** The primitives whose body the frame just inside FUNCTION's frame is ({@code _raw_spin_lock_irq}: spin_lock_irq), or none. */
  private List<String> primitivesInside(String function, List<Frame> stack) {
    for (int i = 1; i < stack.size(); i++) {
      if (NAMES.normalise(stack.get(i)).equals(function)) {
        return locks.primitivesBodied(NAMES.normalise(stack.get(i - 1)));
      }
    }
    return List.of();
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
}
