package dev.lockxref.join;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Frame;
import dev.lockxref.capture.HeldLock;
import dev.lockxref.capture.Task;
import dev.lockxref.index.BlockingChains;
import dev.lockxref.index.BlockingRules;
import dev.lockxref.index.Held;
import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.Primitives;
import dev.lockxref.index.TreeFiles;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Group;
import dev.lockxref.stack.Simplifier;
import dev.lockxref.stack.TaskView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins an analysis of captures with an index: for each group waiting for a lock, the acquire site
 * and the lock's identity; for each such lock, every other taker, the holder candidates and what
 * they wait on, and what may block while it is held.
 */
public final class Join {
  private static final int HOLDERS_KEPT = 10;
  private static final int PIDS_KEPT = 20;
  private static final int BLOCKING_KEPT = 10;
  /** How many calls the compiler may have folded into one frame (inlined functions, macros). */
  private static final int INLINED_CALLS = 4;
  private static final int INLINED_FUNCTIONS = 100;

  private final LockIndex index;
  private final IndexCache cache;
  private final Simplifier simplifier;
  private final ActivityLocks locks = ActivityLocks.standard();
  private final BlockingRules rules = BlockingRules.standard();
  private final Primitives primitives = Primitives.standard();
  private final TreeFiles tree;
  private final BlockingChains chains;

  public Join(LockIndex index, Simplifier simplifier) {
    this(index, new BlockingChains(index), simplifier);
  }

  /**
   * A join that shares CHAINS (and what it learns of the index) with whoever else holds them: one
   * Join can serve many captures, from many threads.
   */
  public Join(LockIndex index, BlockingChains chains, Simplifier simplifier) {
    this.index = index;
    this.chains = chains;
    this.cache = new IndexCache(index, chains);
    this.simplifier = simplifier;
    this.tree = new TreeFiles(Path.of(index.info().tree()));
  }

  /** The groups of one analysis: a representative task each, and its reliable frames, normalised. */
  private record Seen(Group group, TaskView example, List<String> frames, int waitIndex) {}

  /** What is gathered for one lock before the verdict is written. */
  private static final class Draft {
    final String identity;
    final String kind;
    final Map<String, WaiterSites.Candidate> sites = new LinkedHashMap<>();
    final Map<String, Long> waitersAt = new HashMap<>();
    final List<Seen> groups = new ArrayList<>();
    final Set<String> waitSites = new LinkedHashSet<>();
    boolean named;

    Draft(String identity, String kind) {
      this.identity = identity;
      this.kind = kind;
    }
  }

  public JoinResult join(Analysis analysis, String warning) {
    Map<String, TaskView> examples = new HashMap<>();
    for (TaskView v : analysis.tasks()) {
      examples.putIfAbsent(v.group(), v);
    }
    List<Seen> seen = new ArrayList<>();
    for (Group g : analysis.groups()) {
      TaskView v = examples.get(g.id());
      if (v != null) {
        List<String> frames = simplifier.normalised(v.task().frames());
        seen.add(new Seen(g, v, frames, Math.max(0, frames.indexOf(g.stack().waitSite()))));
      }
    }
    Map<String, Draft> drafts = new LinkedHashMap<>();
    Map<String, String> waiterGroups = new HashMap<>(); // group id -> identity it waits for
    for (Seen s : seen) {
      Draft d = waiterDraft(s, drafts);
      if (d != null) {
        waiterGroups.put(s.group().id(), d.identity);
      }
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (Draft d : drafts.values()) {
      verdicts.add(verdict(d, analysis, seen, waiterGroups));
    }
    verdicts.sort(Comparator.comparingLong((Verdict v) -> v.waiters().total()).reversed());
    List<String> chains = new ArrayList<>();
    List<List<String>> cycles = new ArrayList<>();
    Map<String, String> waitsFor = new HashMap<>(); // capture/pid -> the lock it waits for there
    for (TaskView v : analysis.tasks()) {
      String identity = waiterGroups.get(v.group());
      if (identity != null && v.task().pid() >= 0) {
        waitsFor.putIfAbsent(v.capture() + "/" + v.task().pid(), identity);
      }
    }
    waiting(verdicts, waitsFor, chains, cycles);
    return new JoinResult(index.info().label(), warning, verdicts, chains, cycles,
        new ProfileLocks(cache, locks).resolve(analysis.captures()));
  }

  /** The lock group S waits for, added to its draft; null when S is not waiting for a lock the index knows. */
  private Draft waiterDraft(Seen s, Map<String, Draft> drafts) {
    Group g = s.group();
    String activity = g.activity().id();
    ActivityLocks.LockWait wait = locks.waitsFor(activity);
    boolean named = wait != null;
    if (!named && (!locks.mayHideLockWait(activity) || g.states().getOrDefault("S", 0L) == g.count())) {
      return null;
    }
    String function = g.stack().waitSite();
    Frame frame = frameNamed(s.example().task(), function);
    List<WaiterSites.Candidate> candidates = new WaiterSites(cache).resolve(frame, function, wait, named);
    if (candidates.isEmpty()) {
      return null;
    }
    LockSite first = candidates.get(0).site();
    Draft d = drafts.computeIfAbsent(first.identity(), id -> new Draft(id, first.kind()));
    d.named |= named;
    d.groups.add(s);
    d.waitSites.add(function);
    for (WaiterSites.Candidate c : candidates) {
      String key = c.site().file() + ":" + c.site().line();
      d.sites.putIfAbsent(key, c);
      d.waitersAt.merge(key, candidates.get(0) == c ? g.count() : 0, Long::sum);
    }
    return d;
  }

  private Frame frameNamed(Task t, String function) {
    for (Frame f : t.frames()) {
      if (f.reliable() && simplifier.normalised(List.of(f)).contains(function)) {
        return f;
      }
    }
    return null;
  }

  private Verdict verdict(Draft d, Analysis analysis, List<Seen> seen, Map<String, String> waiterGroups) {
    List<Verdict.AcquireSite> sites = new ArrayList<>();
    d.sites.forEach((key, c) -> sites.add(new Verdict.AcquireSite(c.site().file(), c.site().line(), c.site().function(),
        c.site().primitive(), c.site().expression(), c.confidence(), c.why(), tree.line(c.site().file(), c.site().line()),
        d.waitersAt.getOrDefault(key, 0L))));
    sites.sort(Comparator.comparingLong(Verdict.AcquireSite::waiters).reversed());
    Verdict.Waiters waiters = waiters(d, analysis);
    List<Verdict.Holder> holders = holders(d, analysis, seen, waiterGroups);
    List<String> notes = new ArrayList<>();
    if (!d.named) {
      notes.add("the waiters' stacks do not name the lock primitive (/proc/PID/stack and wchan drop __sched frames):"
          + " the lock is inferred from the source of the frame they wait in");
    }
    if (holders.isEmpty()) {
      notes.add("no task of the capture is inside a held region of this lock: the holder may be running, "
          + "may have left no frame (inlined, tail call), or the lock changed hands while the capture was taken");
    } else if (holders.stream().noneMatch(h -> h.source().equals("kernel"))) {
      notes.add("the holders are inferred from the stacks; the capture carries no lockdep list or blocker line for this lock");
    }
    return new Verdict(d.identity, d.kind, sites, waiters, otherTakers(d, seen), holders, blockingWhileHeld(d, holders), notes);
  }

  /**
   * The waiters, counted as distinct tasks per capture (a hung-task log may report one task
   * several times); tasks without a pid (folded stacks) count by their weight.
   */
  private static Verdict.Waiters waiters(Draft d, Analysis analysis) {
    int captures = analysis.captures().size();
    Set<String> groupIds = new java.util.HashSet<>();
    d.groups.forEach(s -> groupIds.add(s.group().id()));
    List<Set<Integer>> pidsPer = new ArrayList<>();
    long[] anonymous = new long[captures];
    for (int i = 0; i < captures; i++) {
      pidsPer.add(new java.util.HashSet<>());
    }
    List<Integer> pids = new ArrayList<>();
    for (TaskView v : analysis.tasks()) {
      if (!groupIds.contains(v.group())) {
        continue;
      }
      int pid = v.task().pid();
      if (pid < 0) {
        anonymous[v.capture()] += v.task().weight();
      } else if (pidsPer.get(v.capture()).add(pid) && pids.size() < PIDS_KEPT && !pids.contains(pid)) {
        pids.add(pid);
      }
    }
    List<Long> perCapture = new ArrayList<>();
    Set<Integer> everyPid = new java.util.HashSet<>();
    pidsPer.forEach(everyPid::addAll);
    long distinct = everyPid.size();
    long total = 0;
    for (int i = 0; i < captures; i++) {
      long n = pidsPer.get(i).size() + anonymous[i];
      perCapture.add(n);
      total += n;
      distinct += anonymous[i];
    }
    List<String> groups = d.groups.stream().map(s -> s.group().id()).toList();
    return new Verdict.Waiters(total, distinct, perCapture, pids, groups, List.copyOf(d.waitSites));
  }

  /** A task found holding the lock in one capture. */
  private record Found(TaskView task, Seen group, HolderFinder.Hold hold, String source, String why) {}

  private List<Verdict.Holder> holders(Draft d, Analysis analysis, List<Seen> seen, Map<String, String> waiterGroups) {
    HolderFinder finder = new HolderFinder(cache);
    Map<String, Seen> byGroup = new HashMap<>();
    seen.forEach(s -> byGroup.put(s.group().id(), s));
    Map<String, HolderFinder.Hold> holdOfGroup = new HashMap<>();
    for (Seen s : seen) {
      boolean waiter = d.identity.equals(waiterGroups.get(s.group().id()));
      HolderFinder.Hold h = finder.find(s.frames(), d.identity, waiter ? s.waitIndex() + 2 : 1);
      if (h != null) {
        holdOfGroup.put(s.group().id(), h);
      }
    }
    Map<Integer, List<Found>> byPid = new LinkedHashMap<>();
    for (TaskView v : analysis.tasks()) {
      HolderFinder.Hold h = holdOfGroup.get(v.group());
      if (h != null) {
        byPid.computeIfAbsent(v.task().pid(), k -> new ArrayList<>()).add(new Found(v, byGroup.get(v.group()), h, "inferred",
            "frame " + h.function() + " calls " + h.callee() + " inside the held region of "
                + h.site().site().function() + " (" + h.site().site().file() + ":" + h.site().site().line() + ", " + h.how() + ")"));
      }
    }
    Map<Integer, Verdict.Holder> absent = new LinkedHashMap<>();
    kernelHolders(d, analysis, byGroup, waiterGroups, byPid, absent);
    List<Verdict.Holder> out = new ArrayList<>(absent.values());
    Map<Integer, Found> evidence = new HashMap<>();
    for (Map.Entry<Integer, List<Found>> e : byPid.entrySet()) {
      List<Found> found = e.getValue();
      Found last = found.stream().filter(f -> f.source().equals("kernel")).findFirst().orElse(found.get(found.size() - 1));
      long captures = found.stream().map(f -> f.task().capture()).distinct().count();
      Task t = last.task().task();
      String heldIn = last.hold() == null ? null
          : last.hold().function() + " -> " + last.hold().callee() + " (" + last.hold().how() + ")";
      String mode = last.hold() == null ? null : last.hold().site().site().mode();
      evidence.put(t.pid(), last);
      out.add(new Verdict.Holder(t.pid(), t.comm(), 0, last.source(), t.state(), (int) captures, heldIn, mode,
          last.task().capture(), last.task().activity().description(), last.task().activity().id(), null, List.of(), last.why()));
    }
    // an exclusive holder shuts out readers and writers alike; shared holders cannot all be it
    out.sort(Comparator.comparing((Verdict.Holder h) -> !h.source().equals("kernel"))
        .thenComparing(h -> "shared".equals(h.mode()))
        .thenComparingInt(h -> stateRank(h.state()))
        .thenComparing(Comparator.comparingInt(Verdict.Holder::captures).reversed())
        .thenComparing(h -> !"direct".equals(howOf(h)))
        .thenComparingInt(Verdict.Holder::pid));
    // the chains are worked out for the candidates kept only, once per stack: a big capture has
    // thousands of tasks on the same few stacks
    Map<String, List<BlockingChains.Step>> chainOfGroup = new HashMap<>();
    List<Verdict.Holder> ranked = new ArrayList<>();
    for (int i = 0; i < out.size() && i < HOLDERS_KEPT; i++) {
      Verdict.Holder h = out.get(i);
      Found f = evidence.get(h.pid());
      List<BlockingChains.Step> chain = f == null ? List.of()
          : chainOfGroup.computeIfAbsent(f.task().group() + "|" + f.source(), k -> chain(f));
      ranked.add(new Verdict.Holder(h.pid(), h.comm(), i + 1, h.source(), h.state(), h.captures(), h.heldIn(), h.mode(),
          h.capture(), h.activity(), h.activityId(), h.waitsFor(), chain, h.why()));
    }
    return ranked;
  }

  private static String howOf(Verdict.Holder h) {
    return h.heldIn() == null ? "" : h.heldIn().replaceAll("^.*\\((.*)\\)$", "$1");
  }

  private static int stateRank(String state) {
    return switch (state) {
      case "D" -> 0;
      case "R" -> 1;
      case "?" -> 2;
      default -> 3;
    };
  }

  /** Lockdep's held-locks lists and hung-task blocker lines: the kernel's own word on who holds it. */
  private void kernelHolders(Draft d, Analysis analysis, Map<String, Seen> byGroup, Map<String, String> waiterGroups,
      Map<Integer, List<Found>> byPid, Map<Integer, Verdict.Holder> absent) {
    Map<String, TaskView> byLabel = new HashMap<>();
    Map<Integer, TaskView> byPidView = new HashMap<>();
    for (TaskView v : analysis.tasks()) {
      byLabel.put(v.capture() + "/" + v.task().pid(), v);
      byPidView.put(v.task().pid(), v);
    }
    for (int c = 0; c < analysis.captures().size(); c++) {
      Capture capture = analysis.captures().get(c);
      Map<Integer, Integer> lastEntry = new HashMap<>();
      capture.heldLocks().forEach(h -> lastEntry.merge(h.pid(), h.index(), Math::max));
      for (HeldLock h : capture.heldLocks()) {
        if (!index.identitiesOfLockdepClass(h.lockClass()).contains(d.identity)) {
          continue;
        }
        TaskView v = byLabel.get(c + "/" + h.pid());
        String why = "lockdep lists " + h.lockClass() + " among the locks " + h.comm() + "/" + h.pid() + " holds"
            + (h.at() == null ? "" : ", taken at " + h.at());
        if (v == null) {
          // no stack for it: a holder when it took more locks after this one, or when the capture
          // shows every blocked task (SysRq w), so that a task missing from it was not blocked
          boolean allBlockedShown = capture.formats().contains("sysrq-w");
          if ((h.index() < lastEntry.get(h.pid()) || allBlockedShown) && !absent.containsKey(h.pid())) {
            absent.put(h.pid(), absentHolder(h.pid(), h.comm(), c,
                "not among the blocked tasks the capture shows: running or about to run", why));
          }
          continue;
        }
        if (d.identity.equals(waiterGroups.get(v.group()))) {
          continue; // lockdep lists a lock being waited for too: a waiter is no holder
        }
        if (v.activity().isLockWait() && h.index() == lastEntry.get(h.pid())) {
          continue; // a task waiting for a lock has it last in its list: it is acquiring it, not holding it
        }
        addKernel(byPid, v, byGroup, why);
      }
    }
    for (TaskView v : analysis.tasks()) {
      dev.lockxref.capture.Blocker b = v.task().blocker();
      if (b != null && b.ownerPid() > 0 && d.identity.equals(waiterGroups.get(v.group()))) {
        TaskView owner = byPidView.get(b.ownerPid());
        String why = "the hung-task report of " + v.task().label() + " says: " + b.text();
        if (owner != null) {
          addKernel(byPid, owner, byGroup, why);
        } else if (!absent.containsKey(b.ownerPid())) {
          // the kernel names an owner whose stack the capture does not hold: it is still the holder
          absent.put(b.ownerPid(), absentHolder(b.ownerPid(), b.ownerComm(), v.capture(),
              "not in the capture (the kernel named it; its stack was not printed)", why));
        }
      }
    }
  }

  /** A holder the kernel names whose stack the capture does not show: WHERE says why not. */
  private static Verdict.Holder absentHolder(int pid, String comm, int capture, String where, String why) {
    return new Verdict.Holder(pid, comm, 0, "kernel", "?", 1, null, null, capture, where, "absent", null, List.of(), why);
  }

  private static void addKernel(Map<Integer, List<Found>> byPid, TaskView v, Map<String, Seen> byGroup, String why) {
    List<Found> list = byPid.computeIfAbsent(v.task().pid(), k -> new ArrayList<>());
    HolderFinder.Hold hold = list.isEmpty() ? null : list.get(0).hold();
    list.add(0, new Found(v, byGroup.get(v.group()), hold, "kernel", why));
  }

  /**
   * What the holder waits on, as a chain of calls with file:line from the index: its own frames
   * from the held region inwards, then the index's chain from its innermost frame when the
   * capture stops short of the waiting call.
   */
  private List<BlockingChains.Step> chain(Found f) {
    List<BlockingChains.Step> out = new ArrayList<>();
    List<String> frames = f.group() == null ? List.of() : f.group().frames();
    int from = f.hold() == null ? Math.min(frames.size() - 1, f.group() == null ? 0 : f.group().waitIndex()) : f.hold().frame();
    String kind = locks.blocksAs(f.task().activity().id());
    int stop = stopFrame(frames, from, kind);
    // each frame's function is the definition the call before it reaches: the one the index's step
    // names (ext4_create through ->create), else a static one of the caller's file first
    String file = f.hold() == null ? null : f.hold().site().site().file();
    for (int k = from; k >= 1; k--) {
      String fn = frames.get(k);
      String g = frames.get(k - 1);
      LockIndex.FunctionRef def = cache.definition(fn, file);
      if (def == null && file != null) {
        def = cache.definition(fn, null);
      }
      BlockingChains.Step own = k == stop ? ownWaitingCall(def, g, kind) : null;
      if (own != null) {
        out.add(own);
        return out;
      }
      // calls the stack does not show (inlined functions, macros) come from the index
      List<BlockingChains.Step> path = k == from ? throughRegion(f.hold(), def, g) : List.of();
      if (path.isEmpty() && def != null) {
        path = chains.shortPath(def, g);
      }
      if (path.isEmpty() && def != null) {
        path = chains.meetingPath(def, g);
      }
      if (path.isEmpty() && def != null) {
        path = chains.path(def, g, INLINED_CALLS, INLINED_FUNCTIONS);
      }
      if (path.isEmpty()) {
        path = List.of(new BlockingChains.Step(fn, def == null ? null : def.file(), 0, g, null, null, null));
      }
      String calleeFile = path.get(path.size() - 1).calleeFile();
      file = calleeFile != null ? calleeFile : def == null ? null : def.file();
      for (BlockingChains.Step step : path) {
        String waits = waitKindOf(step.callee());
        if (waits != null && (k == stop || waits.equals(kind))) {
          out.add(new BlockingChains.Step(step.function(), step.file(), step.line(), null, null, null, step.callee() + "()"));
          return out;
        }
        out.add(step);
      }
    }
    String innermost = frames.isEmpty() ? null : frames.get(0);
    LockIndex.FunctionRef def = innermost == null ? null : cache.definition(innermost, null);
    if (kind != null && def != null) {
      List<BlockingChains.Step> rest = chains.chain(def, kind);
      out.addAll(rest);
    } else if (!frames.isEmpty()) {
      out.add(new BlockingChains.Step(innermost, def == null ? null : def.file(), 0, null, null, null,
          f.task().activity().description()));
    }
    return out;
  }

  /**
   * The frame (counted as in chain()) whose call ends the holder's chain: the outermost call that
   * waits of the holder's KIND (bit_wait_io for disk IO, not the out_of_line_wait_on_bit above
   * it), else the innermost that waits at all (schedule, not the scheduler's work below it); 0
   * when no frame's call waits by itself.
   */
  private int stopFrame(List<String> frames, int from, String kind) {
    int innermost = 0;
    for (int k = from; k >= 1; k--) {
      String waits = waitKindOf(frames.get(k - 1));
      if (waits != null && waits.equals(kind)) {
        return k;
      }
      if (waits != null) {
        innermost = k;
      }
    }
    return innermost;
  }

  /**
   * DEF's own call that ends the chain at frame G: a call of G itself, else one that waits as G
   * does, else one that waits as the holder does (KIND): wait_current_trans' wait_event(), a
   * macro, which the stack shows as the schedule() in it. Null when DEF makes none of those.
   */
  private BlockingChains.Step ownWaitingCall(LockIndex.FunctionRef def, String g, String kind) {
    if (def == null) {
      return null;
    }
    // a lock primitive's call is a lock site, not a call of the graph
    for (LockSite site : cache.sitesIn(def.name())) {
      if (site.file().equals(def.file()) && site.primitive().equals(g) && site.via() == null) {
        return new BlockingChains.Step(def.name(), def.file(), site.line(), null, null, null, g + "()");
      }
    }
    LockIndex.Edge best = null;
    int bestRank = 3;
    for (LockIndex.Edge e : cache.callsOf(def)) {
      String waits = waitKindOf(e.callee());
      int rank = e.callee().equals(g) ? 0 : waits == null ? 3 : waits.equals(waitKindOf(g)) ? 1 : waits.equals(kind) ? 2 : 3;
      if (rank < bestRank) {
        best = e;
        bestRank = rank;
      }
    }
    return best == null ? null
        : new BlockingChains.Step(def.name(), def.file(), best.line(), null, null, null, best.callee() + "()");
  }

  /** The kind a call of NAME waits of by itself (a waiting function, a sleeping lock's acquire), or null. */
  private String waitKindOf(String name) {
    return name == null ? null : rules.waitKindOfCall(name, primitives.get(name));
  }

  /**
   * The calls from the holding frame's function DEF to G through the held region's function, when
   * that was inlined into DEF (path_openat -> open_last_lookups -> lookup_open -> ->create): the
   * region's own calls, not whatever path the call graph finds first.
   */
  private List<BlockingChains.Step> throughRegion(HolderFinder.Hold hold, LockIndex.FunctionRef def, String g) {
    if (hold == null || def == null || hold.region().equals(def.name())) {
      return List.of();
    }
    LockIndex.FunctionRef region = cache.definition(hold.region(), hold.site().site().file());
    List<BlockingChains.Step> toRegion = region == null ? List.of() : chains.shortPath(def, region.name());
    List<BlockingChains.Step> onward = toRegion.isEmpty() ? List.of() : chains.shortPath(region, g);
    if (onward.isEmpty()) {
      return List.of();
    }
    List<BlockingChains.Step> out = new ArrayList<>(toRegion);
    out.addAll(onward);
    return out;
  }

  private List<Verdict.OtherTaker> otherTakers(Draft d, List<Seen> seen) {
    Map<String, List<LockSite>> byFunction = new LinkedHashMap<>();
    for (List<LockIndex.HeldSite> list : cache.heldByFunction(d.identity).values()) {
      for (LockIndex.HeldSite h : list) {
        LockSite s = h.site();
        byFunction.computeIfAbsent(s.function() + "\0" + s.file(), k -> new ArrayList<>()).add(s);
      }
    }
    List<Verdict.OtherTaker> out = new ArrayList<>();
    byFunction.forEach((key, list) -> {
      String function = list.get(0).function();
      long now = 0;
      for (Seen s : seen) {
        if (s.frames().contains(function)) {
          now += s.group().count();
        }
      }
      out.add(new Verdict.OtherTaker(function, list.get(0).file(), list.stream().map(LockSite::line).distinct().toList(), now));
    });
    Set<String> waitFiles = new java.util.HashSet<>();
    d.sites.values().forEach(c -> waitFiles.add(c.site().file()));
    out.sort(Comparator.comparingLong(Verdict.OtherTaker::tasksNow).reversed()
        .thenComparingInt(t -> distance(t.file(), waitFiles))
        .thenComparing(Verdict.OtherTaker::file).thenComparing(Verdict.OtherTaker::function));
    return out;
  }

  /** How far FILE is from the waiters' files: the same file, folder, top folder, or elsewhere. */
  private static int distance(String file, Set<String> waitFiles) {
    int best = 3;
    for (String w : waitFiles) {
      if (w.equals(file)) {
        return 0;
      }
      String dir = w.contains("/") ? w.substring(0, w.lastIndexOf('/') + 1) : "";
      String top = w.contains("/") ? w.substring(0, w.indexOf('/') + 1) : "";
      if (!dir.isEmpty() && file.startsWith(dir) && file.indexOf('/', dir.length()) < 0) {
        best = Math.min(best, 1);
      } else if (!top.isEmpty() && file.startsWith(top)) {
        best = Math.min(best, 2);
      }
    }
    return best;
  }

  /** What may block while the lock is held at the waiters' sites and the holders' regions. */
  private List<Verdict.BlockingWhileHeld> blockingWhileHeld(Draft d, List<Verdict.Holder> holders) {
    Set<String> functions = new LinkedHashSet<>();
    d.sites.values().forEach(c -> functions.add(c.site().function()));
    Held held = new Held(index, chains);
    List<Verdict.BlockingWhileHeld> out = new ArrayList<>();
    for (String function : functions) {
      List<LockIndex.HeldSite> sites = cache.heldByFunction(d.identity).getOrDefault(function, List.of());
      Held.Answer a = held.answer(d.identity, "identity", new Held.Filter(function, null, List.of()), sites);
      {
        for (Held.SiteAnswer s : a.sites()) {
          for (Held.BlockingCall b : s.blocking()) {
            if (out.size() < BLOCKING_KEPT) {
              out.add(new Verdict.BlockingWhileHeld(s.site().function() + " " + s.site().file() + ":" + s.site().line(),
                  b.callee(), b.line(), b.kind(), b.describe(), b.distance()));
            }
          }
        }
      }
    }
    return out;
  }

  /** Holders that wait for another contended lock, and the cycles those waits close. */
  private static void waiting(List<Verdict> verdicts, Map<String, String> waitsFor, List<String> chains,
      List<List<String>> cycles) {
    Map<String, Set<String>> edges = new LinkedHashMap<>();
    for (int i = 0; i < verdicts.size(); i++) {
      Verdict v = verdicts.get(i);
      List<Verdict.Holder> updated = new ArrayList<>();
      for (Verdict.Holder h : v.holders()) {
        String other = waitsFor.get(h.capture() + "/" + h.pid());
        if (other != null && !other.equals(v.identity())) {
          chains.add(v.identity() + " (held by " + h.comm() + "/" + h.pid() + ") -> waits for " + other);
          edges.computeIfAbsent(v.identity(), k -> new LinkedHashSet<>()).add(other);
        }
        updated.add(new Verdict.Holder(h.pid(), h.comm(), h.rank(), h.source(), h.state(), h.captures(), h.heldIn(),
            h.mode(), h.capture(), h.activity(), h.activityId(), other, h.chain(), h.why()));
      }
      verdicts.set(i, new Verdict(v.identity(), v.kind(), v.sites(), v.waiters(), v.otherTakers(), updated,
          v.blockingWhileHeld(), v.notes()));
    }
    Set<String> reported = new java.util.HashSet<>();
    for (String start : edges.keySet()) {
      List<String> path = new ArrayList<>();
      cycleFrom(start, start, edges, path, new java.util.HashSet<>(), cycles, reported);
    }
  }

  private static void cycleFrom(String start, String at, Map<String, Set<String>> edges, List<String> path, Set<String> visiting,
      List<List<String>> cycles, Set<String> reported) {
    path.add(at);
    visiting.add(at);
    for (String next : edges.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = List.copyOf(path);
        String key = String.join("|", cycle.stream().sorted().toList());
        if (reported.add(key)) {
          cycles.add(cycle);
        }
      } else if (!visiting.contains(next)) {
        cycleFrom(start, next, edges, path, visiting, cycles, reported);
      }
    }
    path.remove(path.size() - 1);
    visiting.remove(at);
  }
}
