package dev.lockxref.report;

import dev.lockxref.capture.LockStat;
import dev.lockxref.join.JoinResult;
import dev.lockxref.join.ProfileLock;
import dev.lockxref.stack.Analysis;
import java.io.PrintWriter;
import java.util.List;

/**
 * The captures' contention profiles as the terminal shows them: the contended rows, in the order
 * the profiler printed them, each with the lock the index says it is, then those locks summed.
 */
final class ProfileText {
  private static final int ROWS_SHOWN = 30;
  private static final int LOCKS_SHOWN = 10;

  private final Style st;

  ProfileText(Style st) {
    this.st = st;
  }

  /** The profile section; with WARN, the join's warning about its index too (no verdict section said it). */
  void write(Analysis a, JoinResult join, boolean warn, PrintWriter out) {
    ProfileRows profile = new ProfileRows(a, join);
    if (profile.isEmpty()) {
      return;
    }
    boolean joined = join != null && join.index() != null;
    out.println(st.bold("Lock contention profile") + (joined ? st.dim(" (joined with the index of " + join.index() + ")") : ""));
    if (warn && join.warning() != null) {
      out.println("  " + st.yellow("note: " + join.warning()));
    }
    for (int c = 0; c < a.captures().size(); c++) {
      int shown = 0;
      for (ProfileRows.Row row : profile.contended) {
        if (row.capture() != c || shown++ >= ROWS_SHOWN) {
          continue;
        }
        LockStat s = row.stat();
        out.printf("  %12s  %-10s %s%s%n", s.contended() < 0 ? "" : s.contended(), s.type() == null ? "" : s.type(),
            s.name(), s.totalWait() == null ? "" : "  (total " + s.totalWait() + ")");
        if (row.lock() != null) {
          out.println("                " + lockText(row.lock()));
        }
        if (s.type() == null && !s.namesCaller() && !s.frames().isEmpty()) {
          // lock_stat's contention points: where the waiters took the lock
          out.println("                " + st.dim("contended in " + String.join(", ",
              s.frames().stream().map(f -> f.function()).distinct().limit(5).toList())));
        }
      }
      if (shown > ROWS_SHOWN) {
        out.printf("  ... %d more contended rows in %s (all of them with --format json)%n", shown - ROWS_SHOWN,
            a.captures().get(c).source());
      }
      if (profile.quiet[c] > 0) {
        out.printf("  %s%n", st.dim(Counted.of(profile.quiet[c], "row") + " without contention left out"));
      }
    }
    List<ProfileRows.LockTotal> locks = profile.byLock();
    if (!locks.isEmpty()) {
      out.println("  " + st.bold("by lock") + st.dim(" (the rows summed, the longest waited for first)"));
      locks.stream().limit(LOCKS_SHOWN).forEach(l -> out.printf("  %12s  %s  (%s in %s; lockxref who-takes '%s')%n",
          ProfileRows.duration(l.seconds()), l.identity(), Counted.of(l.contentions(), "contention"),
          Counted.of(l.rows(), "row"), l.identity()));
    }
    out.println();
  }

  private String lockText(ProfileLock p) {
    String where = p.file() == null ? ""
        : "  taken at " + p.file() + ":" + p.line() + "  " + p.function() + "  " + p.primitive() + "(" + p.expression() + ")";
    return "is " + st.bold(p.identity()) + where + "  [" + p.confidence() + "]";
  }
}
