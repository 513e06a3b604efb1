package dev.lockxref.cli.commands;

import dev.lockxref.index.Held;
import dev.lockxref.index.HeldRegion;
import dev.lockxref.report.Counted;
import dev.lockxref.index.LockIndex;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockxref held QUERY}: what could make the holder of a lock block. */
@Command(
    name = "held",
    mixinStandardHelpOptions = true,
    description = {
      "For every acquisition site of a lock, the calls made while it is held that may block, of which",
      "kind (disk IO and other sleeping locks first) and the chain down to the waiting call; then the",
      "other locks taken while it is held, and lock-order cycles (possible deadlocks).",
      "QUERY takes the forms of who-takes."
    })
public final class HeldCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions options;

  @Parameters(index = "0", paramLabel = "QUERY")
  String query;

  @Option(names = "--in", paramLabel = "FUNCTION", description = "only the sites in this function")
  String function;

  @Option(names = "--kind", paramLabel = "KIND", description = "only this kind of waiting: disk-io, lock, wait-task, memory, user-fault, sleep")
  String kind;

  @Option(names = "--through", paramLabel = "FUNCTION", description = "show chains through this function (repeat for a path)")
  List<String> through = List.of();

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "sites to print in text (0: all; default ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    try (LockIndex index = options.open()) {
      List<Held.Answer> answers = new Held(index).ask(query, new Held.Filter(function, kind, through));
      PrintWriter out = spec.commandLine().getOut();
      if (options.json) {
        Json.print(answers, out);
        return 0;
      }
      for (Held.Answer a : answers) {
        print(a, out);
      }
      out.flush();
      return 0;
    }
  }

  private void print(Held.Answer a, PrintWriter out) {
    long blocking = a.sites().stream().filter(s -> !s.blocking().isEmpty()).count();
    out.printf("%s  (%s; %s, %d with calls that may block while held)%n", a.identity(), a.readAs(),
        Counted.of(a.sites().size(), "acquisition site"), blocking);
    int shown = 0;
    for (Held.SiteAnswer s : a.sites()) {
      if (limit > 0 && shown++ >= limit) {
        out.printf("  ... %d more sites (--limit 0 shows all)%n", a.sites().size() - limit);
        break;
      }
      out.printf("%n  %s  %s:%d  %s(%s)  [%s]%n", s.site().function(), s.site().file(), s.site().line(),
          s.site().primitive(), s.site().expression(), s.status());
      if (s.blocking().isEmpty()) {
        out.printf("    %s while held; none may block%n", Counted.of(s.callsWhileHeld(), "call"));
      }
      for (Held.BlockingCall b : s.blocking()) {
        out.printf("    %d %s: %s, %d calls down%s%n", b.line(), b.callee(), b.describe(), b.distance(),
            b.otherKinds().isEmpty() ? "" : "; also " + String.join(", ", b.otherKinds()));
        ChainText.print(b.chain(), "        ", out);
      }
      for (HeldRegion.NestedLock n : s.nested()) {
        out.printf("    %d takes %s%s%n", n.line(), n.identity(), n.how().equals("direct") ? "" : " (in " + n.how() + ")");
      }
    }
    if (!a.lockOrder().isEmpty()) {
      out.printf("%n  lock order (%s)%n", Counted.of(a.lockOrder().size(), "edge"));
      a.lockOrder().stream().map(e -> e.first().equals(a.identity()) ? "then " + e.then() : "after " + e.first())
          .distinct().limit(limit > 0 ? limit : Long.MAX_VALUE).forEach(line -> out.println("    " + line));
    }
    for (Held.Cycle c : a.cycles()) {
      out.printf("%n  possible deadlock with %s:%n    %s:%d %s takes it while holding this lock (%s)%n"
          + "    %s:%d %s takes this lock while holding it (%s)%n", c.other(), c.thisThenOther().file(),
          c.thisThenOther().line(), c.thisThenOther().function(), c.thisThenOther().how(), c.otherThenThis().file(),
          c.otherThenThis().line(), c.otherThenThis().function(), c.otherThenThis().how());
    }
    out.println();
  }
}
