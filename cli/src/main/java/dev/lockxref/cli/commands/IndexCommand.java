package dev.lockxref.cli.commands;

import dev.lockxref.cli.Terminal;
import dev.lockxref.index.IndexHome;
import dev.lockxref.indexer.IndexRequest;
import dev.lockxref.indexer.IndexSummary;
import dev.lockxref.indexer.Indexer;
import dev.lockxref.indexer.SourceTree;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockxref index TREE}: builds the index of a kernel tree. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Index a kernel tree: every function, call and lock site, with the lock each one takes.",
      "Needs Universal Ctags. The index replaces any old one only when it is complete."
    })
public final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TREE", description = "the top of a kernel source tree")
  Path tree;

  @Option(names = "--label", paramLabel = "NAME", description = "version label (default: from the tree's Makefile, e.g. 6.1.192)")
  String label;

  @Option(names = "--release", paramLabel = "NAME", description = "a kernel release built from this tree (6.1.0-56-amd64), "
      + "so that analyze picks this index for its captures; repeatable")
  List<String> releases = List.of();

  @Option(names = "--out", paramLabel = "DIR", description = "index folder (default: INDEX_HOME/LABEL)")
  Path out;

  @Option(names = "--jobs", paramLabel = "N", description = "parallel ctags processes and scanner threads (default: CPUs)")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--only", paramLabel = "DIR", split = ",", description = "index only these folders of the tree (e.g. fs,mm,include)")
  List<String> only = new ArrayList<>();

  @Option(names = "--ctags", paramLabel = "PROGRAM", description = "the Universal Ctags executable (default: ctags)")
  String ctags = "ctags";

  @Override
  public Integer call() {
    String name = label != null ? label : new SourceTree(tree).makefileVersion();
    Path target = out != null ? out : IndexHome.path().resolve(name == null ? "unnamed" : name);
    TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), Terminal.colour() && System.console() != null);
    IndexSummary s = new Indexer(versionOf()).index(new IndexRequest(tree, label, target, Math.max(1, jobs), only, ctags, releases), progress);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "indexed %s (%s) into %s%n", s.info().tree(), s.info().label(), s.out());
    o.printf(Locale.ROOT, "  %d files, %d functions, %d calls, %d lock sites, %.1f%% resolved to an identity, %d wrappers, %d init sites%n",
        s.info().files(), s.info().functions(), s.info().calls(), s.info().sites(), 100 * s.resolvedShare(), s.wrappers(), s.inits());
    o.printf(Locale.ROOT, "  %.1f s%n", s.seconds());
    o.flush();
    return 0;
  }

  static String versionOf() {
    String v = IndexCommand.class.getPackage().getImplementationVersion();
    return "lockxref " + (v == null ? "dev" : v);
  }
}
