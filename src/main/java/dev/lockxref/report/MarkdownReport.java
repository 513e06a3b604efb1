package dev.lockxref.report;

import dev.lockxref.capture.Capture;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Group;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** A Markdown summary to paste into an incident ticket. */
public final class MarkdownReport {
  private final int groupLimit;

  public MarkdownReport(int groupLimit) {
    this.groupLimit = groupLimit;
  }

  public void write(Analysis a, PrintWriter out) {
    write(a, null, out);
  }

  public void write(Analysis a, dev.lockxref.join.JoinResult join, PrintWriter out) {
    String release = Summary.release(a);
    out.println("## Kernel stacks: " + a.taskCount() + " tasks" + (release == null ? "" : " on " + release));
    out.println();
    out.println("States: " + Summary.statesText(Summary.states(a)) + ".");
    out.println();
    out.println("| capture | formats | tasks | time |");
    out.println("| --- | --- | ---: | --- |");
    for (Capture c : a.captures()) {
      out.printf("| %s | %s | %d | %s |%n", cell(c.source()), String.join(", ", c.formats()), c.tasks().size(),
          c.time() == null ? "" : cell(c.time()));
    }
    out.println();
    out.println("### Hot paths");
    out.println();
    out.println("| # | tasks | states | doing | wait site | stack |");
    out.println("| ---: | ---: | --- | --- | --- | --- |");
    int n = 0;
    for (Group g : a.groups()) {
      if (n++ == groupLimit) {
        break;
      }
      out.printf("| %d | %d | %s | %s | `%s` | `%s` |%n", n, g.count(), g.stateText(), cell(g.activity().description()),
          cell(g.stack().waitSite()), cell(g.stack().oneLine()));
    }
    if (a.groups().size() > groupLimit) {
      out.printf("%n%d more groups not shown.%n", a.groups().size() - groupLimit);
    }
    if (join != null) {
      verdicts(join, out);
    }
    profile(a, join, out);
    if (!a.stuck().isEmpty()) {
      out.println();
      out.println("### Stuck in every capture");
      out.println();
      a.stuck().forEach(s -> out.printf("- %s/%d at `%s`%n", cell(s.comm()), s.pid(), cell(s.waitSite())));
    }
    Map<String, Long> skipped = Summary.skipped(a);
    if (!skipped.isEmpty()) {
      out.println();
      out.println("### Skipped input");
      out.println();
      skipped.forEach((reason, count) -> out.printf("- %d lines: %s%n", count, cell(reason)));
    }
    out.flush();
  }

  private static void verdicts(dev.lockxref.join.JoinResult j, PrintWriter out) {
    out.println();
    out.println("### Contended locks");
    out.println();
    if (j.index() == null) {
      out.println(cell(j.warning()));
      return;
    }
    if (j.warning() != null) {
      out.println("> " + cell(j.warning()));
      out.println();
    }
    for (dev.lockxref.join.Verdict v : j.contended()) {
      out.printf("- **`%s`** (%s): %d waiting, per capture %s%n", cell(v.identity()), v.kind(), v.waiters().total(),
          v.waiters().perCapture());
      v.sites().forEach(s -> out.printf("  - taken at `%s:%d` in `%s` (%s)%n", cell(s.file()), s.line(), cell(s.function()),
          s.confidence()));
      v.holders().stream().limit(3).forEach(h -> out.printf("  - holder #%d `%s/%d` (%s, %s): %s%n", h.rank(), cell(h.comm()),
          h.pid(), h.state(), h.source(), cell(h.activity())));
      if (v.holders().isEmpty()) {
        out.println("  - no holder found");
      }
    }
    j.waitChains().forEach(c -> out.println("- waiting chain: " + cell(c)));
    j.cycles().forEach(c -> out.println("- **deadlock**: " + cell(String.join(" -> ", c))));
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("`", "'").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static final int PROFILE_ROWS = 30;

  private static void profile(Analysis a, dev.lockxref.join.JoinResult join, PrintWriter out) {
    ProfileRows profile = new ProfileRows(a, join);
    if (profile.contended.isEmpty()) {
      return;
    }
    out.println();
    out.println("### Lock contention profile");
    out.println();
    out.println("| contended | type | caller or lock | total wait | lock | taken at |");
    out.println("| ---: | --- | --- | ---: | --- | --- |");
    for (ProfileRows.Row r : profile.contended.subList(0, Math.min(PROFILE_ROWS, profile.contended.size()))) {
      dev.lockxref.join.ProfileLock l = r.lock();
      out.printf("| %s | %s | `%s` | %s | %s | %s |%n", r.stat().contended() < 0 ? "" : r.stat().contended(),
          r.stat().type() == null ? "" : cell(r.stat().type()), cell(r.stat().name()),
          r.stat().totalWait() == null ? "" : cell(r.stat().totalWait()), l == null ? "" : "`" + cell(l.identity()) + "`",
          l == null || l.file() == null ? "" : "`" + cell(l.file() + ":" + l.line()) + "` " + cell(l.function()));
    }
    if (profile.contended.size() > PROFILE_ROWS) {
      out.printf("%n%d more contended rows not shown.%n", profile.contended.size() - PROFILE_ROWS);
    }
    List<ProfileRows.LockTotal> locks = profile.byLock();
    if (!locks.isEmpty()) {
      out.println();
      out.println("By lock, the longest waited for first: " + String.join("; ", locks.stream().limit(5)
          .map(l -> "`" + cell(l.identity()) + "` " + ProfileRows.duration(l.seconds()) + " in "
              + Counted.of(l.contentions(), "contention")).toList()) + ".");
    }
  }
}
