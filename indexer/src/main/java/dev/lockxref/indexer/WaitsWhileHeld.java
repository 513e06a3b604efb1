package dev.lockxref.indexer;

import dev.lockxref.index.BlockingStep;
import dev.lockxref.index.LockSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a call made while a lock is held waits on while that lock is still held, where the callee,
 * or a function it calls, drops the caller's lock: a function whose first operation on a lock is
 * a release drops its caller's, and what it calls between that release and the next acquire does
 * not wait holding it ({@code __wait_on_freeing_inode} drops {@code inode_hash_lock}, then sleeps).
 * The search goes into the callees that reach such a function within DROP_DEPTH calls; the others
 * wait by their own shortest chains ({@link MayBlock}).
 */
final class WaitsWhileHeld {
  /** How many calls down from a region's call a function that drops the region's lock is looked for */
  private static final int DROP_DEPTH = 3;

  private final CallGraph graph;
  private final MayBlock mayBlock;
  private final WaitingCalls waiting;
  private final Map<FunctionFacts, List<LockSiteFinder.KeyedSite>> sitesByFunction;
  private final EmbeddedLocks embedded;
  /** Per identity, the functions that drop it, with the lines where it is not held in them */
  private final Map<String, Map<Integer, List<int[]>>> drops = new java.util.HashMap<>();
  /** Per identity of a region's lock, its droppers under each of its forms (null: none) */
  private final Map<String, Map<Integer, List<int[]>>> droppersByLock = new java.util.HashMap<>();
  /** Per identity, the functions that reach one of its droppers in at most DROP_DEPTH calls */
  private final Map<String, java.util.BitSet> reachDrops = new java.util.HashMap<>();
  /** Routes already found, by node, lock and depth */
  private final Map<String, Map<String, Route>> routes = new java.util.HashMap<>();

  /**
   * The nearest waiting call of one kind, and the steps down to it from the function it starts in.
   *
   * @param distance calls down from that function (1: its own call waits)
   * @param steps each call on the way, the last one's callee going on by its own chain, or the waiting call itself
   */
  record Route(int distance, List<BlockingStep> steps) {}

  WaitsWhileHeld(CallGraph graph, MayBlock mayBlock, WaitingCalls waiting,
      Map<FunctionFacts, List<LockSiteFinder.KeyedSite>> sitesByFunction, EmbeddedLocks embedded) {
    this.graph = graph;
    this.mayBlock = mayBlock;
    this.waiting = waiting;
    this.sitesByFunction = sitesByFunction;
    this.embedded = embedded;
    findDrops(sitesByFunction);
  }

  /**
   * The functions that drop LOCK, by its own identity or by that of a struct it is embedded in
   * (__xas_nomem drops a struct xarray.xa_lock, which an address space's i_pages.xa_lock is).
   */
  private Map<Integer, List<int[]>> droppers(String lock) {
    return droppersByLock.computeIfAbsent(lock, l -> {
      Map<Integer, List<int[]>> out = new java.util.HashMap<>();
      for (String form : embedded.formsOf(l)) {
        drops.getOrDefault(form, Map.of()).forEach(out::putIfAbsent);
      }
      return out.isEmpty() ? null : out;
    });
  }

  /** Per kind, the nearest waiting call NODE reaches while LOCK, held when it is called, is still held. */
  Map<String, Route> of(int node, String lock) {
    return routesHolding(node, lock, 1, new java.util.HashSet<>());
  }

  /**
   * Finds, for each resolved identity, the functions whose first operation on it (by line) is a
   * release, and the lines from each release to the next acquire of it, or to the function's end.
   */
  private void findDrops(Map<FunctionFacts, List<LockSiteFinder.KeyedSite>> byFunction) {
    CallTargets targets = graph.targets();
    for (int n = 0; n < targets.size(); n++) {
      FunctionFacts f = targets.at(n);
      List<LockSiteFinder.KeyedSite> sites = byFunction.get(f);
      if (sites == null) {
        continue;
      }
      Map<String, List<LockSite>> byLock = new java.util.HashMap<>();
      for (LockSiteFinder.KeyedSite k : sites) {
        if (!k.site().identity().startsWith("unresolved ")) {
          byLock.computeIfAbsent(k.site().identity(), x -> new ArrayList<>()).add(k.site());
        }
      }
      for (Map.Entry<String, List<LockSite>> e : byLock.entrySet()) {
        List<LockSite> ops = e.getValue();
        ops.sort((x, y) -> Integer.compare(x.line(), y.line()));
        if (!ops.get(0).operation().equals("release")) {
          continue;
        }
        List<int[]> notHeld = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
          if (!ops.get(i).operation().equals("release") || !notHeld.isEmpty() && notHeld.get(notHeld.size() - 1)[1] >= ops.get(i).line()) {
            continue;
          }
          int until = f.function().end();
          for (int j = i + 1; j < ops.size(); j++) {
            if (!ops.get(j).operation().equals("release")) {
              until = ops.get(j).line();
              break;
            }
          }
          notHeld.add(new int[] {ops.get(i).line(), until});
        }
        drops.computeIfAbsent(e.getKey(), x -> new java.util.HashMap<>()).put(n, notHeld);
      }
    }
  }

  /** Whether NODE may reach, in at most DROP_DEPTH calls, a function that drops LOCK. */
  boolean reachesDrop(String lock, int node) {
    Map<Integer, List<int[]>> droppers = droppers(lock);
    if (droppers == null) {
      return false;
    }
    java.util.BitSet reach = reachDrops.computeIfAbsent(lock, l -> {
      java.util.BitSet out = new java.util.BitSet(graph.size());
      int[] source = graph.sources();
      int[][] incoming = graph.incoming();
      List<Integer> level = new ArrayList<>(droppers.keySet());
      level.forEach(out::set);
      for (int depth = 0; depth < DROP_DEPTH && !level.isEmpty(); depth++) {
        List<Integer> next = new ArrayList<>();
        for (int g : level) {
          for (int e : incoming[g]) {
            if (!out.get(source[e])) {
              out.set(source[e]);
              next.add(source[e]);
            }
          }
        }
        level = next;
      }
      return out;
    });
    return reach.get(node);
  }

  /**
   * Per kind, the nearest waiting call NODE reaches while LOCK, held on entry, is still held: its
   * own calls outside the lines where it has dropped LOCK, and down into callees that may drop it
   * too, to DROP_DEPTH calls; the rest by their own shortest chains.
   */
  private Map<String, Route> routesHolding(int node, String lock, int depth, Set<Integer> visiting) {
    String key = node + "\0" + lock + "\0" + depth;
    Map<String, Route> known = routes.get(key);
    if (known != null) {
      return known;
    }
    visiting.add(node);
    Map<String, Route> best = new java.util.LinkedHashMap<>();
    FunctionFacts f = graph.targets().at(node);
    List<int[]> notHeld = droppers(lock).getOrDefault(node, List.of());
    List<LockSiteFinder.KeyedSite> own = sitesByFunction.getOrDefault(f, List.of());
    CallTargets targets = graph.targets();
    for (int k = 0; k < f.calls().size(); k++) {
      Call c = f.calls().get(k);
      if (insideAny(c.line(), notHeld) || operatesOn(c, lock, own)) {
        continue;
      }
      WaitingCalls.Waiting self = waiting.of(c, own);
      if (self != null) {
        keepNearest(best, self.kind(), new Route(1, List.of(new BlockingStep(self.kind(), 1, c.line(), null, null, self.evidence()))));
      }
      int j = targets.target(node, k);
      if (j >= 0 && j != node && !waiting.atomic(c)) {
        addRoutesThrough(best, j, c.line(), null, lock, depth, visiting);
      }
    }
    for (int e = graph.firstEdge(node); e < graph.endEdge(node); e++) {
      if (graph.member(e) != null && !graph.quiet(e) && !insideAny(graph.line(e), notHeld)) {
        addRoutesThrough(best, graph.target(e), graph.line(e), "->" + graph.member(e), lock, depth, visiting);
      }
    }
    visiting.remove(node);
    routes.put(key, best);
    return best;
  }

  /** Adds to BEST the routes of a call of TARGET at LINE (through an ops table's MEMBER when not null). */
  private void addRoutesThrough(Map<String, Route> best, int target, int line, String member, String lock, int depth,
      Set<Integer> visiting) {
    Definitions.Function g = graph.targets().at(target).function();
    if (depth < DROP_DEPTH && !visiting.contains(target) && reachesDrop(lock, target)) {
      for (Map.Entry<String, Route> e : routesHolding(target, lock, depth + 1, visiting).entrySet()) {
        List<BlockingStep> steps = new ArrayList<>();
        steps.add(new BlockingStep(e.getKey(), e.getValue().distance() + 1, line, g.name(), g.path(), member));
        steps.addAll(e.getValue().steps());
        keepNearest(best, e.getKey(), new Route(e.getValue().distance() + 1, steps));
      }
      return;
    }
    for (String kind : mayBlock.kinds()) {
      int d = mayBlock.distance(target, kind);
      if (d > 0) {
        keepNearest(best, kind, new Route(d + 1, List.of(new BlockingStep(kind, d + 1, line, g.name(), g.path(), member))));
      }
    }
  }

  private static void keepNearest(Map<String, Route> best, String kind, Route r) {
    Route was = best.get(kind);
    if (was == null || was.distance() > r.distance()) {
      best.put(kind, r);
    }
  }

  /** Whether LINE is inside one of RANGES, ends excluded: the lines between a release and the next acquire. */
  private static boolean insideAny(int line, List<int[]> ranges) {
    for (int[] r : ranges) {
      if (line > r[0] && line < r[1]) {
        return true;
      }
    }
    return false;
  }

  /** Whether C is one of OWN's operations on LOCK (taking it again is waiting for it, not waiting while holding it). */
  private boolean operatesOn(Call c, String lock, List<LockSiteFinder.KeyedSite> own) {
    for (LockSiteFinder.KeyedSite k : own) {
      if (k.site().line() == c.line() && k.site().primitive().equals(c.callee())
          && embedded.formsOf(lock).contains(k.site().identity())) {
        return true;
      }
    }
    return false;
  }

}
