package dev.lockxref.report;

import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.TaskView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Folded stacks for flame-graph tools: "comm;outermost;...;innermost count", full stacks, ? frames left out. */
public final class FoldedReport {
  public void write(Analysis a, PrintWriter out) {
    Map<String, Long> counts = new TreeMap<>();
    for (TaskView v : a.tasks()) {
      List<String> frames = new ArrayList<>();
      v.task().frames().stream().filter(f -> f.reliable()).forEach(f -> frames.add(f.function()));
      Collections.reverse(frames);
      String comm = v.task().comm().replace(';', '_').replace(' ', '_');
      String line = frames.isEmpty() ? comm : comm + ";" + String.join(";", frames);
      counts.merge(line, v.task().weight(), Long::sum);
    }
    counts.forEach((stack, n) -> out.println(stack + " " + n));
    out.flush();
  }
}
