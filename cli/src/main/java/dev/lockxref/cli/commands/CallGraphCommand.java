package dev.lockxref.cli.commands;

import dev.lockxref.UserError;
import dev.lockxref.index.IndexSchema;
import dev.lockxref.index.LockIndex;
import java.io.PrintWriter;
import java.util.List;

/** What callers and callees share: look the edges up, say so when the function is unknown. */
public final class CallGraphCommand {
  private CallGraphCommand() {}

  static int run(IndexOptions options, String function, boolean callers, PrintWriter out) {
    try (LockIndex index = options.open()) {
      String name = index.functionsAliased(function).stream().findFirst().orElse(function);
      List<LockIndex.Edge> edges = callers ? index.callers(name) : index.callees(name);
      if (edges.isEmpty() && !index.hasFunction(name)) {
        List<String> near = index.nearest(IndexSchema.NAME, function, 5);
        throw new UserError("no function '" + function + "' in the index of " + index.info().label()
            + (near.isEmpty() ? "" : "; nearest names: " + String.join(", ", near)));
      }
      if (options.json) {
        Json.print(edges, out);
        return 0;
      }
      for (LockIndex.Edge e : edges) {
        out.printf("%s:%d  %s -> %s%n", e.file(), e.line(), e.caller(), e.callee());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code lockxref callers FUNCTION}. */
  @picocli.CommandLine.Command(name = "callers", mixinStandardHelpOptions = true, description = "The direct calls of FUNCTION.")
  public static final class Callers implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin IndexOptions options;
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "FUNCTION") String function;

    @Override
    public Integer call() {
      return run(options, function, true, spec.commandLine().getOut());
    }
  }

  /** {@code lockxref callees FUNCTION}. */
  @picocli.CommandLine.Command(name = "callees", mixinStandardHelpOptions = true, description = "The direct calls FUNCTION makes.")
  public static final class Callees implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin IndexOptions options;
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "FUNCTION") String function;

    @Override
    public Integer call() {
      return run(options, function, false, spec.commandLine().getOut());
    }
  }
}
