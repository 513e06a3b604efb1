package dev.lockxref.cli.commands;

import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.WhoTakes;
import dev.lockxref.report.Counted;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockxref who-takes QUERY}: every place that takes a lock. */
@Command(
    name = "who-takes",
    mixinStandardHelpOptions = true,
    description = {
      "Every acquisition site of a lock, grouped by function, through inferred wrappers too.",
      "QUERY is an identity ('struct super_block.s_vfs_rename_mutex'), a bare member or global name",
      "(s_vfs_rename_mutex), a lockdep class name (&ei->i_data_sem), or FILE:LINE of a lock site."
    })
public final class WhoTakesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions options;

  @Parameters(index = "0", paramLabel = "QUERY")
  String query;

  @Override
  public Integer call() {
    try (LockIndex index = options.open()) {
      List<WhoTakes.Answer> answers = new WhoTakes(index).ask(query);
      PrintWriter out = spec.commandLine().getOut();
      if (options.json) {
        // a record, not Map.of, whose order of keys changes from one run to the next
        Json.print(answers.stream().map(WhoTakes.Answer::acquiring).toList(), out);
        return 0;
      }
      for (WhoTakes.Answer a : answers) {
        List<LockSite> takes = a.acquisitions();
        out.printf("%s  (%s; %s)%n", a.identity(), a.readAs(), Counted.of(takes.size(), "acquisition site"));
        Map<String, List<LockSite>> byFunction = new LinkedHashMap<>();
        for (LockSite s : takes) {
          byFunction.computeIfAbsent(s.function() + "  " + s.file(), k -> new java.util.ArrayList<>()).add(s);
        }
        byFunction.forEach((fn, sites) -> {
          out.println("  " + fn);
          for (LockSite s : sites) {
            out.printf("    %d: %s(%s) %s%s%n", s.line(), s.primitive(), s.expression(), s.mode(),
                s.via() == null ? "" : "  [via " + s.via() + "]");
          }
        });
        out.println();
      }
      out.flush();
      return 0;
    }
  }
}
