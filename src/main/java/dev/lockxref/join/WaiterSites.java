package dev.lockxref.join;

import dev.lockxref.capture.Frame;
import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which acquire sites a group of waiting tasks waits at: the sites of a fitting lock in the frame
 * that called into the wait, or in the functions the compiler may have inlined into it; several
 * sites are ranked by where the frame's offset falls in the function, or by the line a
 * symbolized capture gives.
 */
final class WaiterSites {
  /** How many levels of inlined static functions are searched below the wait frame. */
  private static final int INLINE_DEPTH = 2;

  private final IndexCache cache;

  WaiterSites(IndexCache cache) {
    this.cache = cache;
  }

  /**
   * A site and how it was found.
   *
   * @param depth 0 when in the frame's function, n when n inlined calls below it
   */
  record Candidate(LockSite site, int depth, String confidence, String why) {}

  /**
   * The sites a task waiting in FRAME (the function that called into the wait) for WAIT may wait
   * at, best first, all of the best one's identity; empty when none fits.
   */
  List<Candidate> resolve(Frame frame, String function, ActivityLocks.LockWait wait, boolean named) {
    return resolve(frame, function, wait, named, s -> true);
  }

  /** The same, among the sites ALSO accepts (the primitive a profile's stack names). */
  List<Candidate> resolve(Frame frame, String function, ActivityLocks.LockWait wait, boolean named,
      Predicate<LockSite> also) {
    LockIndex.FunctionRef f = cache.definition(function, null);
    List<Candidate> found = new ArrayList<>();
    for (LockSite s : cache.sitesIn(function)) {
      if (fits(s, wait) && also.test(s) && (f == null || s.file().equals(f.file()))) {
        found.add(new Candidate(s, 0, null, null));
      }
    }
    if (found.isEmpty() && f != null) {
      for (Map.Entry<LockIndex.FunctionRef, Integer> e : cache.inlinable(f, INLINE_DEPTH).entrySet()) {
        for (LockSite s : cache.sitesIn(e.getKey().name())) {
          if (fits(s, wait) && also.test(s) && s.file().equals(e.getKey().file())) {
            found.add(new Candidate(s, e.getValue(), null, null));
          }
        }
      }
    }
    if (found.isEmpty()) {
      return List.of();
    }
    int best = found.stream().mapToInt(Candidate::depth).min().orElse(0);
    found.removeIf(c -> c.depth() > best);
    found.sort(ranking(frame, f, best));
    String identity = found.get(0).site().identity();
    long identities = found.stream().map(c -> c.site().identity()).distinct().count();
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : found) {
      if (!c.site().identity().equals(identity)) {
        continue;
      }
      out.add(new Candidate(c.site(), c.depth(), confidence(identities, named, frame, c),
          why(c, identities, named, frame, function)));
    }
    return out;
  }

  private static boolean fits(LockSite s, ActivityLocks.LockWait wait) {
    return s.operation().equals("acquire") && !s.identity().startsWith("unresolved ")
        && (wait == null ? SLEEPING.contains(s.kind()) : wait.fits(s.kind(), s.mode()));
  }

  private static final java.util.Set<String> SLEEPING = java.util.Set.of("mutex", "rwsem", "semaphore", "percpu-rwsem");

  /** The capture's own file:line first; then the site nearest where the frame's offset falls; then line order. */
  private static Comparator<Candidate> ranking(Frame frame, LockIndex.FunctionRef f, int depth) {
    if (frame != null && frame.line() > 0) {
      return Comparator.comparingInt(c -> Math.abs(c.site().line() - frame.line()));
    }
    if (depth == 0 && f != null && frame != null && frame.offset() >= 0 && frame.size() > 0 && f.end() > f.line()) {
      double estimate = f.line() + (f.end() - f.line()) * (double) frame.offset() / frame.size();
      return Comparator.comparingDouble(c -> Math.abs(c.site().line() - estimate));
    }
    return Comparator.comparingInt(c -> c.site().line());
  }

  private static String confidence(long identities, boolean named, Frame frame, Candidate c) {
    if (frame != null && frame.line() > 0 && frame.line() == c.site().line()) {
      return "certain";
    }
    if (identities == 1 && named) {
      return "certain";
    }
    return identities == 1 ? "likely" : "possible";
  }

  private static String why(Candidate c, long identities, boolean named, Frame frame, String function) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.depth() == 0 ? "in the wait frame " + function : "in " + c.site().function() + ", inlined into " + function);
    if (frame != null && frame.line() > 0) {
      sb.append("; the capture gives line ").append(frame.line());
    }
    if (identities > 1) {
      sb.append("; ").append(identities).append(" locks fit, ranked by the frame's offset");
    }
    if (!named) {
      sb.append("; the capture does not name the lock primitive (/proc/PID/stack, wchan), so the lock is inferred from the source");
    }
    return sb.toString();
  }
}
