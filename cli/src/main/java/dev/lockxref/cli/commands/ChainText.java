package dev.lockxref.cli.commands;

import dev.lockxref.index.BlockingChains;
import java.io.PrintWriter;
import java.util.List;

/** Prints an evidence chain, one call a line with its file:line. */
final class ChainText {
  private ChainText() {}

  static void print(List<BlockingChains.Step> chain, String indent, PrintWriter out) {
    for (BlockingChains.Step s : chain) {
      String where = s.file() + ":" + s.line();
      if (s.callee() == null) {
        out.printf("%s%-34s %s: %s%n", indent, where, s.function(), s.evidence());
      } else {
        String call = s.through() == null ? s.callee() : s.through() + " = " + s.callee();
        out.printf("%s%-34s %s -> %s%n", indent, where, s.function(), call);
      }
    }
  }
}
