package dev.lockxref.report;

import dev.lockxref.capture.LockStat;
import dev.lockxref.join.JoinResult;
import dev.lockxref.join.ProfileLock;
import dev.lockxref.stack.Analysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of the captures' contention profiles that saw contention, each with the lock the join
 * says it is, and those locks summed: what the text and Markdown reports show of a profile.
 */
final class ProfileRows {
  /** A contended row of capture CAPTURE, with its lock, or null when the index does not know it. */
  record Row(int capture, LockStat stat, ProfileLock lock) {}

  /** One lock's rows summed. */
  record LockTotal(String identity, double seconds, long contentions, int rows) {}

  private static final Map<String, Double> UNITS = Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "m", 60.0, "h", 3600.0,
      "d", 86400.0);

  final List<Row> contended = new ArrayList<>();
  /** rows without contention, per capture */
  final int[] quiet;

  ProfileRows(Analysis a, JoinResult join) {
    Map<String, ProfileLock> locks = new HashMap<>();
    if (join != null) {
      join.profile().forEach(p -> locks.put(p.capture() + "/" + p.row(), p));
    }
    quiet = new int[a.captures().size()];
    for (int c = 0; c < a.captures().size(); c++) {
      List<LockStat> rows = a.captures().get(c).lockStats();
      for (int r = 0; r < rows.size(); r++) {
        if (rows.get(r).contended() == 0) {
          quiet[c]++;
        } else {
          contended.add(new Row(c, rows.get(r), locks.get(c + "/" + r)));
        }
      }
    }
  }

  boolean isEmpty() {
    return contended.isEmpty() && java.util.Arrays.stream(quiet).allMatch(n -> n == 0);
  }

  /** The locks of the rows, the longest waited for first (then the most contended). */
  List<LockTotal> byLock() {
    Map<String, LockTotal> sums = new LinkedHashMap<>();
    for (Row r : contended) {
      if (r.lock() != null) {
        sums.merge(r.lock().identity(), new LockTotal(r.lock().identity(), seconds(r.stat().totalWait()),
            Math.max(0, r.stat().contended()), 1), (x, y) -> new LockTotal(x.identity(), x.seconds() + y.seconds(),
            x.contentions() + y.contentions(), x.rows() + y.rows()));
      }
    }
    return sums.values().stream().sorted(Comparator.comparingDouble(LockTotal::seconds).reversed()
        .thenComparing(Comparator.comparingLong(LockTotal::contentions).reversed())).toList();
  }

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

  static String duration(double seconds) {
    if (seconds == 0) {
      return "0 s";
    }
    if (seconds >= 3600) {
      return String.format(Locale.ROOT, "%.2f h", seconds / 3600);
    }
    if (seconds >= 60) {
      return String.format(Locale.ROOT, "%.2f m", seconds / 60);
    }
    if (seconds >= 1) {
      return String.format(Locale.ROOT, "%.2f s", seconds);
    }
    if (seconds >= 1e-3) {
      return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
    }
    return String.format(Locale.ROOT, "%.2f us", seconds * 1e6);
  }
}
