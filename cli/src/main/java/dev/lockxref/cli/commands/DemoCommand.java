package dev.lockxref.cli.commands;

import dev.lockxref.UserError;
import dev.lockxref.capture.Capture;
import dev.lockxref.cli.Terminal;
import dev.lockxref.report.TextReport;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Analyzer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lockxref demo}: the whole path on real data. The launcher has installed Universal Ctags
 * and extracted Debian's linux-source-6.1 before this runs; this analyses a capture the project's
 * lab recorded from Debian's 6.1 kernel and says which steps this version does not have yet.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Analyse a real capture from the project's kernel lab, end to end, with what this version can do.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--home", paramLabel = "DIR", description = "the lockxref checkout (default: set by bin/lockxref)")
  Path home = Path.of(System.getProperty("lockxref.home", "."));

  @Option(names = "--tree", paramLabel = "DIR", description = "the kernel tree bin/setup extracted (default: the cache)")
  Path tree = Path.of(System.getenv().getOrDefault("LOCKXREF_CACHE", System.getProperty("user.home") + "/.cache/lockxref"),
      "linux-source-6.1");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path captures = home.resolve("testdata/captures/dir-rwsem");
    List<String> files = List.of(
        captures.resolve("round1-sysrq-t.txt.xz").toString(),
        captures.resolve("round2-sysrq-t.txt.xz").toString(),
        captures.resolve("round3-sysrq-t.txt.xz").toString());
    if (!Files.isRegularFile(Path.of(files.get(0)))) {
      throw new UserError("no lab captures under " + captures + ": run the demo from a lockxref checkout (bin/lockxref demo)");
    }
    if (!Files.isRegularFile(tree.resolve("Makefile"))) {
      throw new UserError("no kernel tree at " + tree + ": run bin/setup demo (bin/lockxref demo does it for you)");
    }
    out.println("lockxref demo");
    out.println("  kernel source: " + tree + " (Debian linux-source-6.1, extracted by bin/setup)");
    out.println("  capture: three sysrq-t rounds the lab took from Debian's 6.1.0-56-amd64 under QEMU,");
    out.println("           200 tasks creating and unlinking files in one directory on a throttled disk");
    out.println("           (testdata/captures/dir-rwsem, MANIFEST beside them)");
    out.println();
    List<Capture> all = AnalyzeCommand.read(files);
    Analysis analysis = new Analyzer().analyze(all);
    new TextReport(Terminal.colour(), 8).write(analysis, out);
    out.println();
    out.println("Next: 'bin/lockxref index " + tree + "' builds the index of this tree, and then");
    out.println("'bin/lockxref who-takes i_rwsem' lists every place that takes the lock these tasks queue on.");
    out.println("Not in this version yet: naming the lock and its holder from the source (the join) and the");
    out.println("web UI. See README.md for what each command does today.");
    out.flush();
    return 0;
  }
}
