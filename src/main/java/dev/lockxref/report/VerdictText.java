package dev.lockxref.report;

import dev.lockxref.index.BlockingChains;
import dev.lockxref.join.JoinResult;
import dev.lockxref.join.Verdict;
import java.io.PrintWriter;
import java.util.List;

/** The join's verdicts as the terminal shows them: lock, acquire site, waiters, holders and their chains, other takers. */
final class VerdictText {
  private static final int TAKERS_SHOWN = 8;
  private static final int HOLDERS_SHOWN = 3;

  private final Style st;

  VerdictText(Style st) {
    this.st = st;
  }

  void write(JoinResult j, PrintWriter out) {
    if (j.index() == null) {
      out.println(st.bold("Source join: ") + j.warning());
      out.println();
      return;
    }
    out.println(st.bold("Contended locks") + st.dim(" (joined with the index of " + j.index() + ")"));
    if (j.warning() != null) {
      out.println("  " + st.yellow("note: " + j.warning()));
    }
    if (j.contended().isEmpty()) {
      out.println("  no group of tasks waits for a lock the index knows");
    }
    for (Verdict v : j.contended()) {
      verdict(v, out);
    }
    for (String chain : j.waitChains()) {
      out.println(st.bold("Waiting chain: ") + chain);
    }
    for (List<String> cycle : j.cycles()) {
      out.println(st.red("Deadlock: ") + String.join(" -> ", cycle) + " -> " + cycle.get(0));
    }
    out.println();
  }

  private static String perCapture(List<Long> counts) {
    if (counts.size() <= 12) {
      return counts.toString();
    }
    return counts.subList(0, 12).toString().replace("]", ", ... " + (counts.size() - 12) + " more]");
  }

  private void verdict(Verdict v, PrintWriter out) {
    out.println();
    out.printf("%s  (%s)  %s waiting%s%n", st.bold(v.identity()), v.kind(), st.red(String.valueOf(v.waiters().total())),
        v.waiters().perCapture().size() > 1 ? ", per capture " + perCapture(v.waiters().perCapture()) : "");
    for (Verdict.AcquireSite s : v.sites()) {
      out.printf("  taken at %s  %s  %s(%s)  [%s]%n", st.yellow(s.file() + ":" + s.line()), s.function(), s.primitive(),
          s.expression(), s.confidence());
      if (s.source() != null) {
        out.printf("      %s%n", st.dim(s.source()));
      }
      out.printf("      %s%n", st.dim(s.why()));
    }
    if (v.holders().isEmpty()) {
      out.println("  holder: none found");
    } else {
      out.printf("  holder candidates (%d)%n", v.holders().size());
    }
    for (Verdict.Holder h : v.holders().subList(0, Math.min(HOLDERS_SHOWN, v.holders().size()))) {
      out.printf("    #%d %s/%d  %s  %s%s: %s%n", h.rank(), h.comm(), h.pid(), h.state(),
          h.source().equals("kernel") ? st.bold("the kernel says so") : "inferred",
          h.captures() > 1 ? ", in " + h.captures() + " captures" : "", st.bold(h.activity()));
      if (h.source().equals("kernel") && h.why() != null) {
        out.printf("       %s%n", st.dim(h.why())); // which of the kernel's lines says so
      }
      if (h.heldIn() != null) {
        out.printf("       holds it in %s%n", h.heldIn());
      }
      if (h.waitsFor() != null) {
        out.printf("       and waits for %s%n", h.waitsFor());
      }
      for (BlockingChains.Step s : h.chain()) {
        String where = s.file() == null ? "?" : s.file() + (s.line() > 0 ? ":" + s.line() : "");
        out.printf("       %-36s %s%n", st.dim(where), s.callee() == null ? s.function() + ": " + s.evidence()
            : s.function() + " -> " + (s.through() == null ? "" : s.through() + " = ") + s.callee());
      }
    }
    if (v.holders().size() > HOLDERS_SHOWN) {
      out.printf("    ... %d more candidates (--format json lists them)%n", v.holders().size() - HOLDERS_SHOWN);
    }
    if (!v.blockingWhileHeld().isEmpty()) {
      out.println("  may block while held");
      v.blockingWhileHeld().stream().limit(5).forEach(b -> out.printf("    %s: %s at line %d %s, %d calls down%n",
          b.site(), b.callee(), b.line(), b.describe(), b.distance()));
    }
    out.printf("  other takers (%d functions)%n", v.otherTakers().size());
    v.otherTakers().stream().limit(TAKERS_SHOWN).forEach(t -> out.printf("    %s  %s:%s%s%n", t.function(), t.file(),
        t.lines().get(0), t.tasksNow() > 0 ? st.yellow("  [" + t.tasksNow() + " tasks there now]") : ""));
    if (v.otherTakers().size() > TAKERS_SHOWN) {
      out.printf("    ... %d more (lockxref who-takes '%s')%n", v.otherTakers().size() - TAKERS_SHOWN, v.identity());
    }
    for (String note : v.notes()) {
      out.println("  " + st.dim("note: " + note));
    }
  }
}
