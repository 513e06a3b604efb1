package dev.lockxref.report;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.HeldLock;
import dev.lockxref.capture.LockdepHolder;
import dev.lockxref.capture.Skipped;
import dev.lockxref.capture.Task;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Group;
import dev.lockxref.stack.TaskView;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The terminal report: captures, hot groups first, stuck tasks, the kernel's own lock facts, skips. */
public final class TextReport {
  private final Style st;
  private final int groupLimit;

  public TextReport(boolean colour, int groupLimit) {
    this.st = new Style(colour);
    this.groupLimit = groupLimit;
  }

  public void write(Analysis a, PrintWriter out) {
    write(a, null, out);
  }

  /** The report, with the join's verdicts after the groups when JOIN is not null. */
  public void write(Analysis a, dev.lockxref.join.JoinResult join, PrintWriter out) {
    String release = Summary.release(a);
    String tasks = a.taskCount() == 0 ? "no task stacks" : a.taskCount() + " tasks (" + Summary.statesText(Summary.states(a)) + ")";
    out.printf("%s %d capture%s, %s%s%n", st.bold("lockxref:"), a.captures().size(),
        a.captures().size() == 1 ? "" : "s", tasks, release == null ? "" : ", kernel " + release);
    for (int i = 0; i < a.captures().size(); i++) {
      Capture c = a.captures().get(i);
      out.printf("  [%d] %s: %s, %d tasks%s%n", i + 1, c.source(), String.join(" + ", c.formats()),
          c.tasks().size(), c.time() == null ? "" : ", at " + c.time());
    }
    out.println();
    writeGroups(a, out);
    // a capture of a contention profile alone has no waiting tasks: its join is the profile's
    boolean profileOnly = join != null && join.index() != null && a.taskCount() == 0 && join.contended().isEmpty();
    if (join != null && !profileOnly) {
      new VerdictText(st).write(join, out);
    }
    writeStuck(a, out);
    writeKernelFacts(a, out);
    new ProfileText(st).write(a, join, profileOnly, out);
    writeSkipped(a, out);
    out.flush();
  }

  private void writeGroups(Analysis a, PrintWriter out) {
    List<Group> groups = a.groups();
    if (groups.isEmpty()) {
      return;
    }
    out.println(st.bold("What the tasks are doing") + st.dim(" (identical stacks grouped, pile-ups first)"));
    int shown = 0;
    for (Group g : groups) {
      if (shown == groupLimit) {
        out.printf("  ... %d more groups (--groups N shows more)%n", groups.size() - shown);
        break;
      }
      shown++;
      String count = String.format("%5d", g.count());
      out.printf("%s %s  %s  %s%s%n", st.bold(String.format("#%-3d", shown)),
          g.blocked() ? st.red(count) : count, g.stateText(), st.bold(g.activity().description()),
          g.stack().waitsIn() == null ? "" : " in " + g.stack().waitsIn());
      out.printf("      at %s%n", st.yellow(g.stack().oneLine().isEmpty() ? "?" : shorten(g.stack().oneLine(), 160)));
      if (a.captures().size() > 1) {
        out.printf("      per capture: %s%n", g.perCapture());
      }
      out.printf("      %s %s%s%n", g.comms().size() == 1 ? "task" : "tasks", String.join(", ", g.comms()),
          g.pids().isEmpty() ? "" : "; pids " + pids(g));
    }
    out.println();
  }

  private static String pids(Group g) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (int pid : g.pids()) {
      if (n++ == 8) {
        sb.append(" ...");
        break;
      }
      sb.append(sb.length() == 0 ? "" : " ").append(pid);
    }
    return sb.toString();
  }

  private void writeStuck(Analysis a, PrintWriter out) {
    if (a.captures().size() < 2) {
      return;
    }
    out.printf("%s %d task%s waiting in the same place in all %d captures%n", st.bold("Stuck:"), a.stuck().size(),
        a.stuck().size() == 1 ? "" : "s", a.captures().size());
    a.stuck().stream().limit(10).forEach(s -> out.printf("  %s/%d at %s%n", s.comm(), s.pid(), s.waitSite()));
    if (a.stuck().size() > 10) {
      out.printf("  ... %d more%n", a.stuck().size() - 10);
    }
    out.println();
  }

  private void writeKernelFacts(Analysis a, PrintWriter out) {
    boolean header = false;
    for (TaskView v : a.tasks()) {
      Task t = v.task();
      if (t.blocker() != null) {
        if (!header) {
          out.println(st.bold("The kernel says") + st.dim(" (hung-task blocker lines)"));
          header = true;
        }
        out.printf("  %s blocked on a %s, %s%n", t.label(), t.blocker().kind(),
            t.blocker().ownerComm() == null ? "owner not found" : "likely owner " + t.blocker().ownerComm() + "/" + t.blocker().ownerPid());
      }
    }
    if (header) {
      out.println();
    }
    long held = a.captures().stream().mapToLong(c -> c.heldLocks().size()).sum();
    long unlisted = a.captures().stream().mapToLong(c -> c.unlistedHolders().size()).sum();
    if (held > 0 || unlisted > 0) {
      out.println(st.bold("Locks held, as lockdep lists them") + st.dim(" (a waiter is listed with the lock it is acquiring)"));
      a.captures().forEach(c -> c.heldLocks().stream().limit(40).forEach(h -> out.println("  " + heldText(h))));
      if (held > 40) {
        out.printf("  ... %d entries in all%n", held);
      }
      for (Capture c : a.captures()) {
        for (LockdepHolder h : c.unlistedHolders()) {
          long unseen = h.count() - c.listedLocks(h.pid());
          out.printf("  %s/%d holds %d lock%s lockdep did not list (it lists none for a running task)%n", h.comm(), h.pid(),
              unseen, unseen == 1 ? "" : "s");
        }
      }
      out.println();
    }
  }

  private static String heldText(HeldLock h) {
    return h.comm() + "/" + h.pid() + " #" + h.index() + " " + h.lockClass() + (h.at() == null ? "" : " at " + h.at().function());
  }

  private void writeSkipped(Analysis a, PrintWriter out) {
    Map<String, Long> skipped = Summary.skipped(a);
    if (skipped.isEmpty()) {
      return;
    }
    out.println(st.bold("Skipped input") + st.dim(" (read around, not understood)"));
    for (Capture c : a.captures()) {
      for (Skipped s : c.skipped()) {
        out.printf("  %s: %d line%s, %s (e.g. line%s %s)%n", c.source(), s.count(), s.count() == 1 ? "" : "s", s.reason(),
            s.exampleLines().size() == 1 ? "" : "s", s.exampleLines());
      }
    }
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
