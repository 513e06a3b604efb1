package dev.lockxref.report;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Skipped;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.TaskView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Figures every report format states the same way. */
final class Summary {
  private Summary() {}

  static Map<String, Long> states(Analysis a) {
    Map<String, Long> m = new TreeMap<>();
    for (TaskView v : a.tasks()) {
      m.merge(v.task().state(), 1L, Long::sum);
    }
    return m;
  }

  static String statesText(Map<String, Long> states) {
    StringBuilder sb = new StringBuilder();
    states.forEach((s, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(s).append(' ').append(n));
    return sb.toString();
  }

  /** Skipped lines of all captures, by reason. */
  static Map<String, Long> skipped(Analysis a) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Capture c : a.captures()) {
      for (Skipped s : c.skipped()) {
        m.merge(s.reason(), s.count(), Long::sum);
      }
    }
    return m;
  }

  static String release(Analysis a) {
    return a.kernelRelease();
  }
}
