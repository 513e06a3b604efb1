package dev.lockxref.cli.commands;

import dev.lockxref.index.LockIndex;
import dev.lockxref.index.WhoTakes;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockxref bench-queries}: who-takes latency with a warm JVM, for bin/bench-index. */
@Command(name = "bench-queries", hidden = true, description = "Time who-takes queries on an open index (warm JVM).")
public final class BenchQueriesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions options;

  @Option(names = "--rounds", description = "timed rounds over the queries (default 50)")
  int rounds = 50;

  @Parameters(paramLabel = "QUERY", arity = "1..*")
  List<String> queries;

  @Override
  public Integer call() {
    try (LockIndex index = options.open()) {
      WhoTakes who = new WhoTakes(index);
      for (int i = 0; i < 20; i++) {
        queries.forEach(who::ask);
      }
      long[] nanos = new long[rounds * queries.size()];
      int n = 0;
      for (int r = 0; r < rounds; r++) {
        for (String q : queries) {
          long t = System.nanoTime();
          who.ask(q);
          nanos[n++] = System.nanoTime() - t;
        }
      }
      Arrays.sort(nanos);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "who-takes, warm: %d queries, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", nanos.length,
          nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6);
      out.flush();
      return 0;
    }
  }
}
