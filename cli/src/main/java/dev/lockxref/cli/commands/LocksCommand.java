package dev.lockxref.cli.commands;

import dev.lockxref.UserError;
import dev.lockxref.index.LockIndex;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockxref locks PATTERN}: lock identities matching a pattern, with their site counts. */
@Command(name = "locks", mixinStandardHelpOptions = true,
    description = "Lock identities matching PATTERN ('*' and '?' wildcards; plain text matches anywhere), with site counts.")
public final class LocksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions options;

  @Parameters(index = "0", paramLabel = "PATTERN")
  String pattern;

  @Override
  public Integer call() {
    try (LockIndex index = options.open()) {
      Map<String, Long> locks = index.locks(pattern);
      if (locks.isEmpty()) {
        throw new UserError("no lock identity matches '" + pattern + "'");
      }
      PrintWriter out = spec.commandLine().getOut();
      if (options.json) {
        Json.print(locks, out);
        return 0;
      }
      locks.forEach((id, n) -> out.printf("%6d  %s%n", n, id));
      out.flush();
      return 0;
    }
  }
}
