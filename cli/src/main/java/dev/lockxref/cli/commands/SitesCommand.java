package dev.lockxref.cli.commands;

import dev.lockxref.UserError;
import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockxref sites FILE[:LINE]}: the lock operations at a place in the source. */
@Command(name = "sites", mixinStandardHelpOptions = true, description = "Lock operations in FILE, or at FILE:LINE.")
public final class SitesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions options;

  @Parameters(index = "0", paramLabel = "FILE[:LINE]")
  String place;

  @Override
  public Integer call() {
    String file = place;
    int line = 0;
    int colon = place.lastIndexOf(':');
    if (colon > 0 && place.substring(colon + 1).matches("\\d+")) {
      file = place.substring(0, colon);
      line = Integer.parseInt(place.substring(colon + 1));
    }
    try (LockIndex index = options.open()) {
      List<LockSite> sites = index.sitesAt(file, line);
      if (sites.isEmpty()) {
        throw new UserError("no lock operation at " + place + " in the index of " + index.info().label());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (options.json) {
        Json.print(sites, out);
        return 0;
      }
      for (LockSite s : sites) {
        out.printf("%s:%d %s: %s %s(%s) %s %s%n    identity %s (by %s)%s%n", s.file(), s.line(), s.function(), s.operation(),
            s.primitive(), s.expression(), s.kind(), s.mode(), s.identity(), s.resolvedBy(), s.via() == null ? "" : "\n    via " + s.via());
      }
      out.flush();
      return 0;
    }
  }
}
