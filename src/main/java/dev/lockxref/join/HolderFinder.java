package dev.lockxref.join;

import dev.lockxref.index.HeldRegion;
import dev.lockxref.index.LockIndex;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds where a stack holds a lock (DESIGN, "The join and the holder"): a frame F whose held
 * region of the lock, in F or in a function inlined into it, calls the next inner frame G, directly,
 * through an ops table, or through a static function the compiler inlined (which left no frame).
 */
final class HolderFinder {
  private static final int INLINE_DEPTH = 2;
  private static final String HEADERS = IndexCache.HEADERS;

  private final IndexCache cache;

  HolderFinder(IndexCache cache) {
    this.cache = cache;
  }

  /**
   * Where a stack holds the lock.
   *
   * @param frame the position of F in the stack (innermost first)
   * @param function F
   * @param region the function whose held region it is (F, or one inlined into F)
   * @param site the acquire site of that region
   * @param callee G, the frame F called from inside the region
   * @param how "direct", "through ->member", or "through inlined NAME"
   */
  record Hold(int frame, String function, String region, LockIndex.HeldSite site, String callee, String how) {}

  /** The innermost place where FRAMES (innermost first) hold IDENTITY, looking at frames from index FROM; null when none. */
  Hold find(List<String> frames, String identity, int from) {
    Map<String, List<LockIndex.HeldSite>> regions = cache.heldByFunction(identity);
    if (regions.isEmpty()) {
      return null;
    }
    Set<String> regionFiles = cache.regionFiles(identity);
    for (int i = Math.max(1, from); i < frames.size(); i++) {
      String f = frames.get(i);
      String g = frames.get(i - 1);
      Hold h = holdIn(f, f, g, i, regions);
      if (h != null) {
        return h;
      }
      LockIndex.FunctionRef def = cache.definition(f, null);
      if (def == null || !regionFiles.contains(def.file()) && !regionFiles.contains(HEADERS)) {
        continue; // nothing that holds this lock can have been inlined into f
      }
      for (LockIndex.FunctionRef inlined : cache.inlinable(def, INLINE_DEPTH).keySet()) {
        if (regions.containsKey(inlined.name())) {
          h = holdIn(f, inlined.name(), g, i, regions);
          if (h != null) {
            return h;
          }
        }
      }
    }
    return null;
  }

  private Hold holdIn(String frame, String regionFunction, String g, int i, Map<String, List<LockIndex.HeldSite>> regions) {
    List<LockIndex.HeldSite> held = regions.get(regionFunction);
    if (held == null) {
      return null;
    }
    for (LockIndex.HeldSite h : held) {
      if (!h.region().bounded()) {
        continue; // unbalanced, or a wrapper's own region: its callers' regions are the ones that hold
      }
      String how = reaches(h, g);
      if (how != null) {
        return new Hold(i, frame, regionFunction, h, g, how);
      }
    }
    return null;
  }

  /** How the region of H reaches a call of G, or null. */
  private String reaches(LockIndex.HeldSite h, String g) {
    LockIndex.FunctionRef owner = cache.definition(h.site().function(), h.site().file());
    List<LockIndex.Edge> ownerCalls = owner == null ? List.of() : cache.callsOf(owner);
    Set<String> seen = new HashSet<>();
    for (HeldRegion.HeldCall c : h.region().calls()) {
      if (!c.indirect()) {
        if (c.callee().equals(g)) {
          return "direct";
        }
        String via = throughInlined(c.callee(), h.site().file(), g, seen);
        if (via != null) {
          return via;
        }
        continue;
      }
      for (LockIndex.Edge e : ownerCalls) {
        if (e.line() == c.line() && c.callee().equals(e.through()) && e.callee().equals(g)) {
          return "through " + c.callee();
        }
      }
    }
    return null;
  }

  /** Whether CALLEE, a static function that can have been inlined, calls G (directly or through its ops tables). */
  private String throughInlined(String callee, String file, String g, Set<String> seen) {
    if (!seen.add(callee)) {
      return null;
    }
    LockIndex.FunctionRef def = cache.definition(callee, file);
    if (def == null || !(def.fileScope() || def.file().endsWith(".h"))) {
      return null;
    }
    for (LockIndex.Edge e : cache.callsOf(def)) {
      if (e.callee().equals(g)) {
        return "through inlined " + callee + (e.through() == null ? "" : " " + e.through());
      }
    }
    return null;
  }
}
