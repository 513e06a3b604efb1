package dev.lockxref.indexer;

import dev.lockxref.index.HeldRegion;
import dev.lockxref.index.LockSite;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The held region of every acquire site (DESIGN, "Held regions and blocking analysis"): from the
 * acquire to the last release of the same lock in the same function before it is taken again; a
 * guard to the end of its scope, a scoped_guard for its block; a lock an acquire wrapper returns
 * with is held into the caller, where the wrapper's call is the acquire site.
 */
public final class HeldRegions {
  private static final Set<String> GUARDS = Set.of("guard", "scoped_guard");
  private final CallGraph graph;
  private final MayBlock mayBlock;
  private final WaitingCalls waiting;
  private final Set<String> acquireWrappers;
  private final EmbeddedLocks embedded;
  /** Wrappers that take their lock with a lockdep subclass, by name ({@code lock_two_directories}) */
  private final Set<String> subclassWrappers = new java.util.HashSet<>();
  /** What callees that drop a region's own lock wait on while it is still held; made per compute() */
  private WaitsWhileHeld whileHeld;

  HeldRegions(CallGraph graph, MayBlock mayBlock, WaitingCalls waiting, Map<String, LockSiteFinder.Wrapper> wrappers,
      EmbeddedLocks embedded) {
    this.graph = graph;
    this.embedded = embedded;
    this.mayBlock = mayBlock;
    this.waiting = waiting;
    this.acquireWrappers = new java.util.HashSet<>();
    wrappers.values().stream().filter(w -> !w.operation().equals("release"))
        .forEach(w -> acquireWrappers.add(w.file() + "\0" + w.function()));
    wrappers.values().stream().filter(LockSiteFinder.Wrapper::subclass).forEach(w -> subclassWrappers.add(w.function()));
  }

  private boolean isAcquireWrapper(int node) {
    Definitions.Function fn = graph.targets().at(node).function();
    return acquireWrappers.contains(fn.path() + "\0" + fn.name());
  }

  /** The region of each acquire site of every function. */
  public Map<LockSite, HeldRegion> compute(Map<FunctionFacts, List<LockSiteFinder.KeyedSite>> byFunction) {
    Map<LockSite, HeldRegion> out = new IdentityHashMap<>();
    CallTargets targets = graph.targets();
    whileHeld = new WaitsWhileHeld(graph, mayBlock, waiting, byFunction, embedded);
    for (int n = 0; n < targets.size(); n++) {
      FunctionFacts f = targets.at(n);
      List<LockSiteFinder.KeyedSite> sites = byFunction.get(f);
      if (sites == null) {
        continue;
      }
      List<LockSiteFinder.KeyedSite> sorted = new ArrayList<>(sites);
      sorted.sort((a, b) -> Integer.compare(a.site().line(), b.site().line()));
      for (LockSiteFinder.KeyedSite k : sorted) {
        String op = k.site().operation();
        if (op.equals("acquire") || op.equals("try")) {
          out.put(k.site(), region(n, f, k, sorted));
        }
      }
    }
    return out;
  }

  private HeldRegion region(int node, FunctionFacts f, LockSiteFinder.KeyedSite acquire, List<LockSiteFinder.KeyedSite> sites) {
    LockSite a = acquire.site();
    int end;
    String status;
    FunctionFacts.GuardUse guard = guardAt(f, a);
    if (guard != null) {
      end = guard.endLine();
      status = guard.scoped() ? "scoped_guard: held for its block" : "guard: held to the end of its scope";
    } else {
      List<Integer> releases = releasesAfter(acquire, sites);
      if (!releases.isEmpty()) {
        end = releases.get(releases.size() - 1);
        status = "released at " + String.join(", ", releases.stream().map(String::valueOf).toList());
      } else {
        end = f.function().end();
        status = acquireWrappers.contains(f.function().path() + "\0" + f.function().name())
            ? HeldRegion.WRAPPER
            : HeldRegion.UNBALANCED;
      }
    }
    if (a.operation().equals("try")) {
      status = "trylock, held only when it succeeds; " + status;
    }
    List<int[]> gaps = gaps(f, acquire, end, sites);
    int[] otherBranch = f.branches().elseOf(a.line());
    if (otherBranch != null) {
      gaps.add(otherBranch); // taken in a then-branch: its else-branch runs without it
    }
    int returned = f.branches().returningThenEnd(a.line());
    if (returned > 0 && returned < end) {
      gaps.add(new int[] {returned + 1, end}); // taken in a then-branch that returns: what follows it runs without it
    }
    return new HeldRegion(end, status, calls(node, f, a, end, sites, gaps), nested(node, f, acquire, end, sites, gaps));
  }

  /**
   * The lines after a release of this lock to the end of that release's block: on that path the
   * lock is not held there (an unlock, then a return; an unlock, then a call, in one branch of two).
   * The region goes on after the block, for the paths that did not release, unless every branch of
   * the if released it.
   */
  private static List<int[]> gaps(FunctionFacts f, LockSiteFinder.KeyedSite acquire, int end,
      List<LockSiteFinder.KeyedSite> sites) {
    List<int[]> out = new ArrayList<>();
    String key = acquire.lockKey();
    if (key == null) {
      return out;
    }
    List<int[]> releases = new ArrayList<>();
    for (LockSiteFinder.KeyedSite k : sites) {
      LockSite s = k.site();
      if (!s.operation().equals("release") || !key.equals(k.lockKey()) || s.line() <= acquire.site().line() || s.line() > end) {
        continue;
      }
      for (Call c : f.calls()) {
        if (c.line() == s.line() && c.callee().equals(s.primitive())) {
          out.add(new int[] {s.line() + 1, c.blockEnd()});
          releases.add(new int[] {s.line(), c.blockEnd()});
        }
      }
    }
    // an if that releases it in every branch: the code after it is not held until a label a goto may reach
    out.addAll(f.branches().afterReleasedOnAllPaths(releases));
    return out;
  }

  private static boolean inGap(int line, List<int[]> gaps) {
    for (int[] g : gaps) {
      if (line >= g[0] && line <= g[1]) {
        return true;
      }
    }
    return false;
  }

  private static FunctionFacts.GuardUse guardAt(FunctionFacts f, LockSite a) {
    if (!a.releasedByScope()) {
      return null;
    }
    for (FunctionFacts.GuardUse g : f.guards()) {
      if (g.line() == a.line()) {
        return g;
      }
    }
    return null;
  }

  /** The release lines of the same lock after the acquire, up to the next acquire of it. */
  private static List<Integer> releasesAfter(LockSiteFinder.KeyedSite acquire, List<LockSiteFinder.KeyedSite> sites) {
    List<Integer> out = new ArrayList<>();
    String key = acquire.lockKey();
    if (key == null) {
      return out;
    }
    int from = acquire.site().line();
    for (LockSiteFinder.KeyedSite k : sites) {
      LockSite s = k.site();
      if (s.line() <= from || !key.equals(k.lockKey())) {
        continue;
      }
      if (s.operation().equals("release")) {
        if (!out.contains(s.line())) {
          out.add(s.line());
        }
      } else if (s.operation().equals("acquire") && !out.isEmpty()) {
        break;
      }
    }
    return out;
  }

  /** The calls between the acquire and the end, other than lock operations on this lock. */
  private List<HeldRegion.HeldCall> calls(int node, FunctionFacts f, LockSite a, int end, List<LockSiteFinder.KeyedSite> sites,
      List<int[]> gaps) {
    List<HeldRegion.HeldCall> out = new ArrayList<>();
    CallTargets targets = graph.targets();
    for (int k = 0; k < f.calls().size(); k++) {
      Call c = f.calls().get(k);
      if (c.line() < a.line() || c.line() > end || (c.line() == a.line() && c.callee().equals(a.primitive()))
          || GUARDS.contains(c.callee()) || inGap(c.line(), gaps) || releasesHere(c, a, sites)) {
        continue;
      }
      List<HeldRegion.Wait> waits = new ArrayList<>();
      WaitingCalls.Waiting self = waiting.of(c, sites);
      if (self != null) {
        waits.add(new HeldRegion.Wait(self.kind(), 1, null, null, self.evidence()));
      }
      int j = targets.target(node, k);
      if (j >= 0 && j != node && !waiting.atomic(c)) {
        if (whileHeld.reachesDrop(a.identity(), j)) {
          addWaitsHolding(waits, j, a.identity());
        } else {
          addWaits(waits, j);
        }
      }
      out.add(new HeldRegion.HeldCall(c.callee(), c.line(), waits));
    }
    for (IndirectCall c : f.indirectCalls()) {
      if (c.line() <= a.line() || c.line() > end || inGap(c.line(), gaps)) {
        continue;
      }
      List<HeldRegion.Wait> waits = new ArrayList<>();
      for (int e = graph.firstEdge(node); e < graph.endEdge(node); e++) {
        if (graph.line(e) == c.line() && c.member().equals(graph.member(e)) && !graph.quiet(e)) {
          addWaits(waits, graph.target(e));
        }
      }
      out.add(new HeldRegion.HeldCall("->" + c.member(), c.line(), waits));
    }
    out.sort((x, y) -> Integer.compare(x.line(), y.line()));
    return out;
  }

  private boolean takesWithSubclass(String name) {
    return LockSiteFinder.takesWithSubclass(name, subclassWrappers);
  }

  /** A release of the region's own lock (the call that ends the region is not a call made while held). */
  private static boolean releasesHere(Call c, LockSite a, List<LockSiteFinder.KeyedSite> sites) {
    for (LockSiteFinder.KeyedSite k : sites) {
      LockSite s = k.site();
      if (s.line() == c.line() && s.primitive().equals(c.callee())
          && (s.operation().equals("release") || s.identity().equals(a.identity()))) {
        return true;
      }
    }
    return false;
  }

  /** Adds the waits of calling TARGET, keeping per kind the one nearest to the waiting call. */
  private void addWaits(List<HeldRegion.Wait> waits, int target) {
    Definitions.Function g = graph.targets().at(target).function();
    for (String kind : mayBlock.kinds()) {
      int d = mayBlock.distance(target, kind);
      if (d > 0) {
        keepNearest(waits, new HeldRegion.Wait(kind, d + 1, g.name(), g.path(), null));
      }
    }
  }

  /**
   * Adds the waits of calling TARGET while LOCK is held, where TARGET or a function it calls drops
   * LOCK: only what waits while LOCK is still held counts, each with the steps it takes to get there.
   */
  private void addWaitsHolding(List<HeldRegion.Wait> waits, int target, String lock) {
    Definitions.Function g = graph.targets().at(target).function();
    whileHeld.of(target, lock).forEach((kind, r) ->
        keepNearest(waits, new HeldRegion.Wait(kind, r.distance() + 1, g.name(), g.path(), null, r.steps())));
  }

  /** Adds W to WAITS, or puts it in place of the wait of its kind there when it is nearer. */
  private static void keepNearest(List<HeldRegion.Wait> waits, HeldRegion.Wait w) {
    for (int i = 0; i < waits.size(); i++) {
      if (waits.get(i).kind().equals(w.kind())) {
        if (waits.get(i).distance() > w.distance()) {
          waits.set(i, w);
        }
        return;
      }
    }
    waits.add(w);
  }

  /** The other locks taken between the acquire and the end: directly, or by a call whose lock chain ends in one. */
  private List<HeldRegion.NestedLock> nested(int node, FunctionFacts f, LockSiteFinder.KeyedSite acquire, int end,
      List<LockSiteFinder.KeyedSite> sites, List<int[]> gaps) {
    List<HeldRegion.NestedLock> out = new ArrayList<>();
    LockSite a = acquire.site();
    Set<String> seen = new java.util.HashSet<>();
    for (LockSiteFinder.KeyedSite k : sites) {
      LockSite s = k.site();
      // a trylock does not wait for its lock, so it orders nothing (lockdep does not count it either)
      if (s.line() <= a.line() || s.line() > end || inGap(s.line(), gaps) || !s.operation().equals("acquire")
          || s.identity().startsWith("unresolved ") || s.identity().equals(a.identity())) {
        continue;
      }
      if (seen.add(s.identity() + "@" + s.line())) {
        out.add(new HeldRegion.NestedLock(s.identity(), s.line(), HeldRegion.withSubclass("direct", takesWithSubclass(s.primitive())),
            f.function().path()));
      }
    }
    CallTargets targets = graph.targets();
    for (int k = 0; k < f.calls().size(); k++) {
      Call c = f.calls().get(k);
      if (c.line() <= a.line() || c.line() > end || inGap(c.line(), gaps)) {
        continue;
      }
      int j = targets.target(node, k);
      if (j < 0 || j == node || mayBlock.distance(j, "lock") == 0 || waiting.choosesByFlags(c.callee())) {
        continue; // a flag-chosen wrapper's sites, above, say which of its locks it takes here
      }
      if (whileHeld.reachesDrop(a.identity(), j) && !whileHeld.of(j, a.identity()).containsKey("lock")) {
        continue; // it takes other locks only after it has dropped this one
      }
      MayBlock.LockChainEnd at = mayBlock.lockChainEnd(j, this::isAcquireWrapper);
      String call = at == null ? null : mayBlock.lockCallOf(at);
      String lock = call == null ? null : call.substring(call.indexOf('(') + 1, call.length() - 1);
      if (lock != null && !lock.startsWith("unresolved ") && !lock.equals(a.identity()) && lock.contains(" ")
          && seen.add(lock + "@" + c.line())) {
        out.add(new HeldRegion.NestedLock(lock, c.line(), HeldRegion.withSubclass(c.callee(), takesWithSubclass(call.substring(0, call.indexOf('(')))),
            targets.at(at.taker()).function().path()));
      }
    }
    return out;
  }
}
