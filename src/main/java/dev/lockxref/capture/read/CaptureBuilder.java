package dev.lockxref.capture.read;

import dev.lockxref.capture.Blocker;
import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Frame;
import dev.lockxref.capture.HeldLock;
import dev.lockxref.capture.LockdepHolder;
import dev.lockxref.capture.LockStat;
import dev.lockxref.capture.Skipped;
import dev.lockxref.capture.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what the parser reads into captures: one capture per round, a new round starting when
 * a dump header repeats or a task shows up a second time.
 */
final class CaptureBuilder {
  private static final int EXAMPLES = 5;

  private final String source;
  private final List<Capture> done = new ArrayList<>();
  private final Map<Frame, Frame> frames = new HashMap<>();
  /** Frames already shared, by identity: the reader hands the same Frame for a line it saw before. */
  private final Map<Frame, Boolean> sharedOnes = new java.util.IdentityHashMap<>();
  private String kernelRelease;
  private String roundRelease;

  private Set<String> formats = new LinkedHashSet<>();
  private String time;
  private List<TaskDraft> tasks = new ArrayList<>();
  private Map<Integer, TaskDraft> byPid = new HashMap<>();
  private List<HeldLock> heldLocks = new ArrayList<>();
  private List<LockdepHolder> lockdepHolders = new ArrayList<>();
  private List<LockStatDraft> lockStats = new ArrayList<>();
  private Map<String, SkipCount> skipped = new LinkedHashMap<>();
  private TaskDraft current;
  private LockStatDraft currentStat;

  CaptureBuilder(String source) {
    this.source = source;
  }

  /** A task being read. */
  static final class TaskDraft {
    int pid;
    String comm;
    String state;
    int cpu;
    String wchan;
    Blocker blocker;
    long weight = 1;
    final int line;
    final List<Frame> frames = new ArrayList<>();

    TaskDraft(int pid, String comm, String state, int cpu, int line) {
      this.pid = pid;
      this.comm = comm;
      this.state = state;
      this.cpu = cpu;
      this.line = line;
    }

    Task build() {
      return new Task(pid, comm, state, cpu, frames, weight, wchan, blocker, line);
    }
  }

  private static final class LockStatDraft {
    final ProfileLine.Row row;
    final int line;
    final List<Frame> frames = new ArrayList<>();
    /** the row of the same class printed just before (NAME-W before NAME-R), sharing its contention points */
    LockStatDraft sameClass;

    LockStatDraft(ProfileLine.Row row, int line) {
      this.row = row;
      this.line = line;
    }
  }

  private static final class SkipCount {
    long count;
    final List<Integer> examples = new ArrayList<>();
  }

  void format(String name) {
    formats.add(name);
  }

  void time(String t) {
    if (time == null && t != null) {
      time = t;
    }
  }

  void kernelRelease(String rel) {
    if (kernelRelease == null) {
      kernelRelease = rel;
    }
    if (roundRelease == null) {
      roundRelease = rel;
    }
  }

  /** How many rounds were closed so far: changes when a new round starts. */
  int closedRounds() {
    return done.size();
  }

  TaskDraft current() {
    return current;
  }

  TaskDraft task(int pid) {
    return byPid.get(pid);
  }

  /** Starts a new task, first starting a new round when this pid was already seen in this one. */
  TaskDraft startTask(int pid, String comm, String state, int cpu, int line) {
    if (pid > 0 && byPid.containsKey(pid)) {
      newRound();
    }
    TaskDraft t = new TaskDraft(pid, comm, state, cpu, line);
    tasks.add(t);
    if (pid > 0) {
      byPid.put(pid, t);
    }
    current = t;
    currentStat = null;
    return t;
  }

  /** Makes an already-started task the one receiving frames (a report's header line after its INFO line). */
  void resume(TaskDraft t) {
    current = t;
    currentStat = null;
  }

  void endTask() {
    current = null;
  }

  void frame(Frame f) {
    current.frames.add(shared(f));
  }

  /** One instance per distinct frame: the same stacks repeat across thousands of tasks. */
  Frame shared(Frame f) {
    if (sharedOnes.containsKey(f)) {
      return f;
    }
    Frame known = frames.putIfAbsent(f, f);
    if (known == null) {
      sharedOnes.put(f, Boolean.TRUE);
      return f;
    }
    return known;
  }

  void heldLock(HeldLock h) {
    heldLocks.add(h);
  }

  void lockdepHolder(LockdepHolder h) {
    lockdepHolders.add(h);
  }

  void startLockStat(ProfileLine.Row row, int line) {
    LockStatDraft previous = currentStat;
    currentStat = new LockStatDraft(row, line);
    // /proc/lock_stat prints an rwsem's write and read rows (NAME-W, NAME-R) and then, once, the
    // class's contention points: they belong to both rows
    if (previous != null && previous.frames.isEmpty() && readWriteClass(previous.row.name()) != null
        && readWriteClass(previous.row.name()).equals(readWriteClass(row.name()))) {
      currentStat.sameClass = previous;
    }
    lockStats.add(currentStat);
    current = null;
  }

  /** NAME of a lock_stat row named NAME-W or NAME-R, else null. */
  private static String readWriteClass(String name) {
    return name != null && (name.endsWith("-W") || name.endsWith("-R")) ? name.substring(0, name.length() - 2) : null;
  }

  boolean inLockStat() {
    return currentStat != null;
  }

  void lockStatFrame(Frame f) {
    for (LockStatDraft d = currentStat; d != null; d = d.sameClass) {
      d.frames.add(f);
    }
  }

  void endLockStat() {
    currentStat = null;
  }

  void skip(String reason, int line) {
    SkipCount c = skipped.computeIfAbsent(reason, r -> new SkipCount());
    c.count++;
    if (c.examples.size() < EXAMPLES) {
      c.examples.add(line);
    }
  }

  /** Closes the round being read (if it holds anything) and starts another. */
  void newRound() {
    if (!tasks.isEmpty() || !heldLocks.isEmpty() || !lockdepHolders.isEmpty() || !lockStats.isEmpty()) {
      done.add(build(done.size() + 1));
    }
    formats = new LinkedHashSet<>();
    time = null;
    roundRelease = null;
    tasks = new ArrayList<>();
    byPid = new HashMap<>();
    heldLocks = new ArrayList<>();
    lockdepHolders = new ArrayList<>();
    lockStats = new ArrayList<>();
    skipped = new LinkedHashMap<>();
    current = null;
    currentStat = null;
  }

  /** Every capture read, in input order. */
  List<Capture> finish() {
    if (!tasks.isEmpty() || !heldLocks.isEmpty() || !lockdepHolders.isEmpty() || !lockStats.isEmpty() || done.isEmpty()) {
      done.add(build(done.size() + 1));
    }
    boolean single = done.size() == 1;
    for (int i = 0; i < done.size(); i++) {
      Capture c = done.get(i);
      String release = c.kernelRelease() != null ? c.kernelRelease() : kernelRelease;
      done.set(i, new Capture(single ? source : c.source(), c.formats(), c.time(), release, c.tasks(),
          c.heldLocks(), c.lockdepHolders(), c.lockStats(), c.skipped()));
    }
    return List.copyOf(done);
  }

  private Capture build(int round) {
    List<Task> built = tasks.stream().map(TaskDraft::build).toList();
    List<LockStat> stats = lockStats.stream()
        .map(d -> new LockStat(d.row.name(), d.row.type(), d.row.contended(), d.row.totalWait(), d.frames, d.line))
        .toList();
    List<Skipped> skips = new ArrayList<>();
    skipped.forEach((reason, c) -> skips.add(new Skipped(reason, c.count, c.examples)));
    return new Capture(source + "#" + round, List.copyOf(formats), time, roundRelease, built, heldLocks, lockdepHolders, stats, skips);
  }
}
