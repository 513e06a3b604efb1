package dev.lockxref.cli.commands;

import dev.lockxref.UserError;
import dev.lockxref.index.BlockingChains;
import dev.lockxref.index.BlockingRules;
import dev.lockxref.index.IndexSchema;
import dev.lockxref.index.LockIndex;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockxref why-blocks FUNCTION}: the evidence chains from a function down to the calls that wait. */
@Command(
    name = "why-blocks",
    mixinStandardHelpOptions = true,
    description = "How FUNCTION may block: for each kind of waiting, the shortest chain of calls down to the waiting call.")
public final class WhyBlocksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions options;

  @Parameters(index = "0", paramLabel = "FUNCTION")
  String function;

  @Option(names = "--file", paramLabel = "FILE", description = "the definition in this file (for a static function defined in several)")
  String file;

  @Option(names = "--kind", paramLabel = "KIND", description = "only this kind: disk-io, lock, wait-task, memory, user-fault, sleep")
  String kind;

  @Option(names = "--through", paramLabel = "FUNCTION", description = "a chain through this function (repeat for a path)")
  List<String> through = List.of();

  /** One definition's chains. */
  record Answer(String function, String file, int line, Map<String, List<BlockingChains.Step>> chains) {}

  @Override
  public Integer call() {
    try (LockIndex index = options.open()) {
      String name = index.functionsAliased(function).stream().findFirst().orElse(function);
      List<LockIndex.FunctionRef> defs = new ArrayList<>(index.functions(name));
      defs.removeIf(f -> file != null && !f.file().equals(file));
      if (defs.isEmpty()) {
        List<String> near = index.nearest(IndexSchema.NAME, function, 5);
        throw new UserError("no function '" + function + "'" + (file == null ? "" : " in " + file) + " in the index of "
            + index.info().label() + (near.isEmpty() ? "" : "; nearest names: " + String.join(", ", near)));
      }
      BlockingChains chains = new BlockingChains(index);
      List<Answer> answers = new ArrayList<>();
      for (LockIndex.FunctionRef f : defs) {
        answers.add(new Answer(f.name(), f.file(), f.line(), chains.byKind(f, kind, through)));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (options.json) {
        Json.print(answers, out);
        return 0;
      }
      for (Answer a : answers) {
        out.printf("%s  %s:%d%n", a.function(), a.file(), a.line());
        if (a.chains().isEmpty()) {
          out.println(through.isEmpty() ? "  may not block: no call down from it waits" + (kind == null ? "" : " (" + kind + ")")
              : "  no chain through " + String.join(", ", through));
        }
        a.chains().forEach((k, chain) -> {
          out.printf("  %s (%s, %d calls down)%n", k, BlockingRules.standard().describe(k), chain.size());
          ChainText.print(chain, "    ", out);
        });
      }
      out.flush();
      return 0;
    }
  }
}
