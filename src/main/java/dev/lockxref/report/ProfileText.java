package dev.lockxref.report;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.LockStat;
import dev.lockxref.join.JoinResult;
import dev.lockxref.join.ProfileLock;
import dev.lockxref.stack.Analysis;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The captures' contention profiles as the terminal shows them: the contended rows, most first as
 * the profiler printed them, each with the lock the index says it is, then those locks summed.
 */
final class ProfileText {
  private static final int ROWS_SHOWN = 30;
  private static final int LOCKS_SHOWN = 10;

  private final Style st;

  ProfileText(Style st) {
    this.st = st;
  }

  void write(Analysis a, JoinResult join, PrintWriter out) {
    if (a.captures().stream().allMatch(c -> c.lockStats().isEmpty())) {
      return;
    }
    boolean joined = join != null && join.index() != null;
    out.println(st.bold("Lock contention profile") + (joined ? st.dim(" (joined with the index of " + join.index() + ")") : ""));
    Map<String, ProfileLock> locks = new HashMap<>();
    if (joined) {
      join.profile().forEach(p -> locks.put(p.capture() + "/" + p.row(), p));
    }
    Map<String, double[]> byLock = new LinkedHashMap<>(); // identity -> seconds waited, contentions, rows
    for (int c = 0; c < a.captures().size(); c++) {
      Capture capture = a.captures().get(c);
      List<LockStat> rows = capture.lockStats();
      int shown = 0;
      int quiet = 0;
      for (int r = 0; r < rows.size(); r++) {
        LockStat s = rows.get(r);
        if (s.contended() == 0) {
          quiet++;
          continue;
        }
        ProfileLock lock = locks.get(c + "/" + r);
        if (lock != null) {
          double[] sum = byLock.computeIfAbsent(lock.identity(), k -> new double[3]);
          sum[0] += seconds(s.totalWait());
          sum[1] += Math.max(0, s.contended());
          sum[2]++;
        }
        if (shown++ == ROWS_SHOWN) {
          continue;
        }
        out.printf("  %12s  %-10s %s%s%n", s.contended() < 0 ? "" : s.contended(), s.type() == null ? "" : s.type(),
            s.name(), s.totalWait() == null ? "" : "  (total " + s.totalWait() + ")");
        if (lock != null) {
          out.println("                " + lockText(lock));
        }
        if (s.type() == null && !s.frames().isEmpty() && !s.name().contains("+0x")) {
          // lock_stat's contention points: where the waiters took the lock
          out.println("                " + st.dim("contended in " + String.join(", ",
              s.frames().stream().map(f -> f.function()).distinct().limit(5).toList())));
        }
      }
      if (shown > ROWS_SHOWN) {
        out.printf("  ... %d more contended rows in %s (all of them with --format json)%n", shown - ROWS_SHOWN, capture.source());
      }
      if (quiet > 0) {
        out.printf("  %s%n", st.dim(quiet + " row" + (quiet == 1 ? "" : "s") + " without contention left out"));
      }
    }
    if (!byLock.isEmpty()) {
      out.println("  " + st.bold("by lock") + st.dim(" (the rows summed, the longest waited for first)"));
      byLock.entrySet().stream()
          .sorted((x, y) -> x.getValue()[0] != y.getValue()[0] ? Double.compare(y.getValue()[0], x.getValue()[0])
              : Double.compare(y.getValue()[1], x.getValue()[1]))
          .limit(LOCKS_SHOWN)
          .forEach(e -> out.printf("  %12s  %s  (%s in %s; lockxref who-takes '%s')%n", duration(e.getValue()[0]), e.getKey(),
              count((long) e.getValue()[1], "contention"), count((long) e.getValue()[2], "row"), e.getKey()));
    }
    out.println();
  }

  private String lockText(ProfileLock p) {
    String where = p.file() == null ? ""
        : "  taken at " + p.file() + ":" + p.line() + "  " + p.function() + "  " + p.primitive() + "(" + p.expression() + ")";
    return "is " + st.bold(p.identity()) + where + "  [" + p.confidence() + "]";
  }

  private static final Map<String, Double> UNITS = Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "m", 60.0, "h", 3600.0,
      "d", 86400.0);

  /** A total wait as the profilers print it ({@code 64.69 h}, {@code 12840.35 us}) in seconds; 0 when unreadable. */
  static double seconds(String wait) {
    if (wait == null) {
      return 0;
    }
    String[] f = wait.strip().split("\\s+");
    Double unit = f.length == 2 ? UNITS.get(f[1]) : null;
    if (unit == null) {
      return 0;
    }
    try {
      return Double.parseDouble(f[0]) * unit;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String count(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  static String duration(double seconds) {
    if (seconds == 0) {
      return "0 s";
    }
    if (seconds >= 3600) {
      return String.format(java.util.Locale.ROOT, "%.2f h", seconds / 3600);
    }
    if (seconds >= 60) {
      return String.format(java.util.Locale.ROOT, "%.2f m", seconds / 60);
    }
    if (seconds >= 1) {
      return String.format(java.util.Locale.ROOT, "%.2f s", seconds);
    }
    if (seconds >= 1e-3) {
      return String.format(java.util.Locale.ROOT, "%.2f ms", seconds * 1e3);
    }
    return String.format(java.util.Locale.ROOT, "%.2f us", seconds * 1e6);
  }
}
