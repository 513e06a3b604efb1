package dev.lockxref.cli.commands;

import dev.lockxref.UserError;
import dev.lockxref.capture.Capture;
import dev.lockxref.index.IndexHome;
import dev.lockxref.index.LockIndex;
import dev.lockxref.indexer.IndexRequest;
import dev.lockxref.indexer.Indexer;
import dev.lockxref.indexer.SourceTree;
import dev.lockxref.join.IndexChoice;
import dev.lockxref.join.Join;
import dev.lockxref.join.JoinResult;
import dev.lockxref.stack.Simplifier;
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

  /** The index of the tree in the index home; built once, of the folders this capture needs, when there is none. */
  private Path demoIndex(PrintWriter out) {
    String label = new SourceTree(tree).makefileVersion();
    for (Path dir : IndexHome.indexes()) {
      try (LockIndex index = LockIndex.open(dir)) {
        if (index.info().label().equals(label) && Path.of(index.info().tree()).equals(tree.toAbsolutePath())) {
          return dir;
        }
      } catch (UserError e) {
        // an index of another schema: build ours beside it
      }
    }
    Path dir = IndexHome.path().resolve(label + "-demo");
    out.println("  index: none of " + tree + " yet; indexing fs/ and include/ (the folders these stacks run in) into " + dir);
    out.println("         once; 'lockxref index " + tree + "' indexes the whole tree");
    out.flush();
    new Indexer(IndexCommand.versionOf()).index(new IndexRequest(tree, null, dir, Math.max(1, Runtime.getRuntime().availableProcessors()),
        List.of("fs", "include"), "ctags"), new TerminalProgress(spec.commandLine().getErr(), Terminal.colour() && System.console() != null));
    return dir;
  }

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
    Path index = demoIndex(out);
    Simplifier simplifier = new Simplifier();
    Analysis analysis = new Analyzer(simplifier).analyze(all);
    JoinResult join;
    try (LockIndex opened = LockIndex.open(index)) {
      String release = analysis.kernelRelease();
      join = new Join(opened, simplifier).join(analysis, IndexChoice.warning(release, opened.info()));
    }
    new TextReport(Terminal.colour(), 8).write(analysis, join, out);
    out.println();
    out.println("Next: 'bin/lockxref held i_rwsem' (what may block while it is held), 'bin/lockxref who-takes i_rwsem',");
    out.println("'bin/lockxref serve' and http://127.0.0.1:7070/ for the same in a browser. See README.md.");
    out.flush();
    return 0;
  }
}
