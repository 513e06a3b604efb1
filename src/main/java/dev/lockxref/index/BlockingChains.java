package dev.lockxref.index;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evidence chains from the index: how a function reaches a call that waits, step by step with
 * the file and line of each call, following the first steps the indexer stored, or a path
 * through functions the reader names ("through ext4_create").
 */
public final class BlockingChains {
  private static final int MAX_STEPS = 40;
  private static final int MAX_DEPTH = 8;
  private static final int MAX_VISITED = 3_000;
  /** How many callers of a function a path searched from both ends follows back. */
  private static final int MAX_CALLERS = 200;

  private final LockIndex index;
  // shared by a server's requests: the index never changes under them
  private final Map<String, List<Step>> cache = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<LockIndex.Edge>> callsCache = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<LockIndex.Edge>> callersCache = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, java.util.Optional<LockIndex.FunctionRef>> definitions = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * One call of a chain.
   *
   * @param function the function the call is in
   * @param file where that function is
   * @param line the line of the call
   * @param callee the function called (null on the last step)
   * @param calleeFile where the callee is defined, when known
   * @param through the member called through ({@code ->create}) for a call through an ops table, else null
   * @param evidence on the last step, the call that waits ({@code io_schedule()})
   */
  public record Step(String function, String file, int line, String callee, String calleeFile, String through,
      String evidence) {}

  public BlockingChains(LockIndex index) {
    this.index = index;
  }

  /** F's shortest chain to a waiting call of KIND, or an empty list when it has none. */
  public List<Step> chain(LockIndex.FunctionRef f, String kind) {
    String key = f.name() + "\0" + f.file() + "\0" + kind;
    List<Step> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    List<Step> out = new ArrayList<>();
    LockIndex.FunctionRef cur = f;
    for (int i = 0; i < MAX_STEPS && cur != null; i++) {
      BlockingStep step = stepOf(cur, kind);
      if (step == null) {
        return List.of(); // an index of a part of a tree may stop short
      }
      if (step.callee() == null) {
        out.add(new Step(cur.name(), cur.file(), step.line(), null, null, null, step.evidence()));
        break;
      }
      out.add(new Step(cur.name(), cur.file(), step.line(), step.callee(), step.calleeFile(), step.evidence(), null));
      cur = at(step.callee(), step.calleeFile());
    }
    List<Step> done = List.copyOf(out);
    if (cache.size() < 500_000) {
      cache.put(key, done);
    }
    return done;
  }

  /**
   * F's chain for each kind of waiting it may reach (only KIND when not null), shortest or through
   * WAYPOINTS; kinds without a chain are left out. What why-blocks answers.
   */
  public Map<String, List<Step>> byKind(LockIndex.FunctionRef f, String kind, List<String> waypoints) {
    Map<String, List<Step>> out = new java.util.LinkedHashMap<>();
    List<BlockingStep> steps = index.blockingSteps(f);
    for (String k : BlockingRules.standard().kinds()) {
      if (kind != null && !kind.equals(k) || steps.stream().noneMatch(s -> s.kind().equals(k))) {
        continue;
      }
      List<Step> chain = waypoints.isEmpty() ? chain(f, k) : chainThrough(f, waypoints, k);
      if (!chain.isEmpty()) {
        out.put(k, chain);
      }
    }
    return out;
  }

  /** The shortest chain of KIND from F that passes through each of WAYPOINTS in order, or empty. */
  public List<Step> chainThrough(LockIndex.FunctionRef f, List<String> waypoints, String kind) {
    List<Step> out = new ArrayList<>();
    LockIndex.FunctionRef cur = f;
    for (String waypoint : waypoints) {
      List<Step> leg = path(cur, waypoint);
      if (leg.isEmpty() && !cur.name().equals(waypoint)) {
        return List.of();
      }
      out.addAll(leg);
      if (!leg.isEmpty()) {
        Step last = leg.get(leg.size() - 1);
        cur = resolve(last);
      }
    }
    List<Step> rest = chain(cur, kind);
    if (rest.isEmpty()) {
      return List.of();
    }
    out.addAll(rest);
    return out;
  }

  /** The function the step calls. */
  private LockIndex.FunctionRef resolve(Step s) {
    return at(s.callee(), s.calleeFile() != null ? s.calleeFile() : s.file());
  }

  /** The shortest call path from F to a function named TARGET (breadth first over the index's calls). */
  public List<Step> path(LockIndex.FunctionRef f, String target) {
    return path(f, target, MAX_DEPTH);
  }

  /** The shortest call path of at most MAX_CALLS calls from F to a function named TARGET, or empty. */
  public List<Step> path(LockIndex.FunctionRef f, String target, int maxCalls) {
    return path(f, target, maxCalls, MAX_VISITED);
  }

  /**
   * A path of one or two calls from F to a function named TARGET (the commonest gap in a stack: a
   * function inlined, or called through an ops table, between two frames), or empty.
   */
  public List<Step> shortPath(LockIndex.FunctionRef f, String target) {
    List<LockIndex.Edge> first = callsOf(f);
    for (LockIndex.Edge e : first) {
      if (e.callee().equals(target)) {
        return List.of(step(e));
      }
    }
    for (LockIndex.Edge e : first) {
      LockIndex.FunctionRef g = at(e.callee(), e.calleeFile() != null ? e.calleeFile() : e.file());
      if (g == null) {
        continue;
      }
      for (LockIndex.Edge e2 : callsOf(g)) {
        if (e2.callee().equals(target)) {
          return List.of(step(e), step(e2));
        }
      }
    }
    return List.of();
  }

  /**
   * A path of two or three calls from F to a function named TARGET, searched from both ends: F's
   * own calls met by the callers of TARGET or by theirs. Frames a few inlined calls apart
   * (ext4_setattr, then __ext4_journal_start_sb) are joined this way where a search forward from
   * a function of many calls gives up. Empty when there is none.
   */
  public List<Step> meetingPath(LockIndex.FunctionRef f, String target) {
    Map<String, LockIndex.Edge> own = new HashMap<>();
    for (LockIndex.Edge e : callsOf(f)) {
      own.putIfAbsent(e.callee(), e);
    }
    List<LockIndex.Edge> into = callersOf(target);
    if (into.size() > MAX_CALLERS) {
      return List.of();
    }
    for (LockIndex.Edge last : into) {
      LockIndex.Edge first = own.get(last.caller());
      if (first != null && reaches(f, first, last)) {
        return List.of(step(first), step(last));
      }
    }
    for (LockIndex.Edge last : into) {
      List<LockIndex.Edge> before = callersOf(last.caller());
      if (before.size() > MAX_CALLERS) {
        continue;
      }
      for (LockIndex.Edge middle : before) {
        LockIndex.Edge first = own.get(middle.caller());
        if (first != null && reaches(f, first, middle)) {
          return List.of(step(first), step(middle), step(last));
        }
      }
    }
    return List.of();
  }

  /** Whether F's call FIRST reaches the function that makes the call NEXT (a static one of another file does not). */
  private boolean reaches(LockIndex.FunctionRef f, LockIndex.Edge first, LockIndex.Edge next) {
    LockIndex.FunctionRef g = at(first.callee(), first.calleeFile() != null ? first.calleeFile() : f.file());
    return g != null && g.file().equals(next.file());
  }

  /** The step of call E, made by the function it names in the file it names. */
  private Step step(LockIndex.Edge e) {
    LockIndex.FunctionRef to = at(e.callee(), e.calleeFile() != null ? e.calleeFile() : e.file());
    return new Step(e.caller(), e.file(), e.line(), e.callee(), to == null ? null : to.file(), e.through(), null);
  }

  /** The calls into functions named NAME, remembered. */
  private List<LockIndex.Edge> callersOf(String name) {
    return callersCache.computeIfAbsent(name, index::callers);
  }


  /** The same, looking at no more than MAX_FUNCTIONS functions. */
  public List<Step> path(LockIndex.FunctionRef f, String target, int maxCalls, int maxFunctions) {
    record Visit(LockIndex.FunctionRef fn, Visit from, LockIndex.Edge edge, int depth) {}
    ArrayDeque<Visit> queue = new ArrayDeque<>();
    Map<String, Boolean> seen = new HashMap<>();
    queue.add(new Visit(f, null, null, 0));
    seen.put(f.name() + "\0" + f.file(), true);
    while (!queue.isEmpty() && seen.size() < maxFunctions) {
      Visit v = queue.poll();
      if (v.depth() >= maxCalls) {
        continue;
      }
      for (LockIndex.Edge e : callsOf(v.fn())) {
        LockIndex.FunctionRef g = at(e.callee(), e.calleeFile() != null ? e.calleeFile() : e.file());
        if (g == null || seen.put(g.name() + "\0" + g.file(), true) != null) {
          continue;
        }
        Visit next = new Visit(g, v, e, v.depth() + 1);
        if (g.name().equals(target)) {
          List<Step> out = new ArrayList<>();
          for (Visit x = next; x.from() != null; x = x.from()) {
            LockIndex.Edge edge = x.edge();
            out.add(0, new Step(x.from().fn().name(), x.from().fn().file(), edge.line(), edge.callee(), x.fn().file(),
                edge.through(), null));
          }
          return out;
        }
        queue.add(next);
      }
    }
    return List.of();
  }

  private BlockingStep stepOf(LockIndex.FunctionRef f, String kind) {
    for (BlockingStep s : index.blockingSteps(f)) {
      if (s.kind().equals(kind)) {
        return s;
      }
    }
    return null;
  }

  /** The definition of NAME in FILE, else as called from FILE (FILE null: any), remembered. */
  public LockIndex.FunctionRef at(String name, String file) {
    return definitions.computeIfAbsent(name + "\0" + file, k -> java.util.Optional.ofNullable(index.calledFrom(name, file)))
        .orElse(null);
  }

  /** The calls out of F, remembered. */
  public List<LockIndex.Edge> callsOf(LockIndex.FunctionRef f) {
    return callsCache.computeIfAbsent(f.name() + "\0" + f.file(), k -> index.callsOf(f));
  }
}
