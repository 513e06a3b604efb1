package dev.lockxref.stack;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Simplifies, classifies and aggregates the tasks of one or more captures. */
public final class Analyzer {
  private static final int PIDS_KEPT = 20;
  private static final Set<String> IDLE = Set.of("idle-kthread", "cpu-idle", "poll", "sleeping", "signal-wait", "sleep", "tty", "futex");

  private final Simplifier simplifier;
  private final Classifier classifier;

  public Analyzer(Simplifier simplifier) {
    this.simplifier = simplifier;
    this.classifier = new Classifier(simplifier);
  }

  public Analyzer() {
    this(new Simplifier());
  }

  public Analysis analyze(List<Capture> captures) {
    List<TaskView> views = new ArrayList<>();
    // thousands of tasks share a stack: simplify and classify each distinct one once
    Map<StackKey, Seen> known = new HashMap<>();
    Map<String, GroupDraft> groups = new LinkedHashMap<>();
    for (int c = 0; c < captures.size(); c++) {
      for (Task t : captures.get(c).tasks()) {
        Seen seen = known.computeIfAbsent(new StackKey(t.frames(), t.state(), t.wchan()), k -> see(t));
        TaskView v = new TaskView(c, t, seen.stack(), seen.activity(), seen.groupId());
        views.add(v);
        groups.computeIfAbsent(seen.groupKey(), k -> new GroupDraft(k, v, captures.size())).add(v);
      }
    }
    List<Group> built = groups.values().stream().map(GroupDraft::build).sorted(HOT_FIRST).toList();
    return new Analysis(captures, views, built, stuck(views, captures.size()));
  }

  private record StackKey(List<dev.lockxref.capture.Frame> frames, String state, String wchan) {}

  private record Seen(SimplifiedStack stack, Activity activity, String groupKey, String groupId) {}

  private Seen see(Task t) {
    SimplifiedStack s = simplifier.simplify(t.frames());
    Activity a = classifier.classify(t);
    String key = key(a, s);
    return new Seen(s, a, key, groupId(key));
  }

  /** The key tasks are grouped by: what they wait in, and the simplified stack. */
  private static String key(Activity a, SimplifiedStack s) {
    return a.id() + "|" + s.waitsIn() + "|" + s.oneLine();
  }

  static String groupId(String key) {
    return String.format("g%08x", key.hashCode());
  }

  private static final Comparator<Group> HOT_FIRST = Comparator
      .comparing((Group g) -> !g.blocked())
      .thenComparing(g -> IDLE.contains(g.activity().id()))
      .thenComparing(Comparator.comparingLong(Group::count).reversed())
      .thenComparing(Group::id);

  private List<Analysis.Stuck> stuck(List<TaskView> views, int captureCount) {
    if (captureCount < 2) {
      return List.of();
    }
    record TaskKey(int pid, String comm) {}
    Map<TaskKey, List<TaskView>> byTask = new HashMap<>();
    for (TaskView v : views) {
      if (v.task().pid() > 0) {
        byTask.computeIfAbsent(new TaskKey(v.task().pid(), v.task().comm()), k -> new ArrayList<>()).add(v);
      }
    }
    List<Analysis.Stuck> out = new ArrayList<>();
    for (List<TaskView> seen : byTask.values()) {
      long rounds = seen.stream().mapToInt(TaskView::capture).distinct().count();
      long places = seen.stream().map(TaskView::group).distinct().count();
      TaskView first = seen.get(0);
      boolean waiting = !first.activity().id().equals("running") && !IDLE.contains(first.activity().id());
      if (rounds == captureCount && places == 1 && waiting) {
        out.add(new Analysis.Stuck(first.task().pid(), first.task().comm(), first.group(),
            first.stack().waitSite(), (int) rounds));
      }
    }
    out.sort(Comparator.comparingInt(Analysis.Stuck::pid));
    return out;
  }

  private static final class GroupDraft {
    final String key;
    final TaskView first;
    final long[] perCapture;
    final Map<String, Long> states = new TreeMap<>();
    final List<Integer> pids = new ArrayList<>();
    final Map<String, Long> comms = new HashMap<>();
    long count;

    GroupDraft(String key, TaskView first, int captures) {
      this.key = key;
      this.first = first;
      this.perCapture = new long[captures];
    }

    void add(TaskView v) {
      count++;
      perCapture[v.capture()]++;
      states.merge(v.task().state(), 1L, Long::sum);
      comms.merge(v.task().comm(), 1L, Long::sum);
      if (pids.size() < PIDS_KEPT && v.task().pid() >= 0) {
        pids.add(v.task().pid());
      }
    }

    Group build() {
      List<Long> per = new ArrayList<>();
      for (long n : perCapture) {
        per.add(n);
      }
      List<String> example = first.task().frames().stream().map(Object::toString).toList();
      List<String> topComms = comms.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(5).map(Map.Entry::getKey).toList();
      return new Group(groupId(key), count, per, states, first.activity(), first.stack(), example, pids, topComms);
    }
  }
}
