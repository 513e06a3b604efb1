package dev.lockxref.cli.commands;

import dev.lockxref.UserError;
import dev.lockxref.capture.Capture;
import dev.lockxref.capture.read.CaptureInput;
import dev.lockxref.capture.read.CaptureParser;
import dev.lockxref.cli.Terminal;
import dev.lockxref.index.LockIndex;
import dev.lockxref.join.IndexChoice;
import dev.lockxref.join.Join;
import dev.lockxref.join.JoinResult;
import dev.lockxref.report.FoldedReport;
import dev.lockxref.report.JsonReport;
import dev.lockxref.report.MarkdownReport;
import dev.lockxref.report.TextReport;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Analyzer;
import dev.lockxref.stack.FrameNames;
import dev.lockxref.stack.Simplifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockxref analyze}: what thousands of kernel stacks are doing, in a few groups. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Read kernel stack dumps (crash bt, sysrq-t/w, hung-task reports, lockdep lists, /proc/PID/stack,",
      "folded stacks, perf lock contention), group identical stacks and say what each group is doing.",
      "Formats are told apart by content; gzip and xz files are read as they are; - reads standard input."
    })
public final class AnalyzeCommand implements Callable<Integer> {
  /** The report formats. */
  public enum Format { text, json, markdown, folded }

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "capture files, in time order; - for standard input")
  List<String> captures;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, markdown or folded")
  Format format = Format.text;

  @Option(names = "--groups", paramLabel = "N", description = "how many groups the text and markdown reports show (default 15)")
  int groups = 15;

  @Option(names = "--keep-unreliable", description = "keep '?' frames when simplifying stacks")
  boolean keepUnreliable;

  @Option(names = "--index", paramLabel = "DIR", description = "join with this index (default: the index whose kernel "
      + "matches the capture's, from the index home)")
  Path index;

  @Option(names = "--no-index", description = "do not join with the source: groups only")
  boolean noIndex;

  @Override
  public Integer call() {
    List<Capture> all = read(captures);
    Simplifier simplifier = new Simplifier(new FrameNames(), keepUnreliable);
    Analysis analysis = new Analyzer(simplifier).analyze(all);
    JoinResult join = format == Format.folded || noIndex ? null : join(analysis, simplifier);
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json -> new JsonReport().write(analysis, join, out);
      case markdown -> new MarkdownReport(groups).write(analysis, join, out);
      case folded -> new FoldedReport().write(analysis, out);
      default -> new TextReport(Terminal.colour(), groups).write(analysis, join, out);
    }
    return 0;
  }

  /** The join with the index chosen for the captures' kernel (or given), or a result that says why there is none. */
  private JoinResult join(Analysis analysis, Simplifier simplifier) {
    String release = analysis.kernelRelease();
    if (index != null) {
      try (LockIndex opened = LockIndex.open(index)) {
        return new Join(opened, simplifier).join(analysis, IndexChoice.warning(release, opened.info()));
      }
    }
    IndexChoice.Choice choice = IndexChoice.choose(release, IndexChoice.available());
    if (choice.dir() == null) {
      return JoinResult.none(choice.warning());
    }
    LockIndex opened;
    try {
      opened = LockIndex.open(choice.dir());
    } catch (UserError e) {
      // an index found in the index home that cannot be read (an older schema): the stacks still count
      return JoinResult.none(e.getMessage() + "; the groups are shown without the source join");
    }
    try (opened) {
      return new Join(opened, simplifier).join(analysis, choice.warning());
    }
  }

  /** Reads every capture in order; fails with one line when none holds anything lockxref can read. */
  static List<Capture> read(List<String> names) {
    CaptureParser parser = new CaptureParser();
    List<Capture> all = new ArrayList<>();
    for (String name : names) {
      try (InputStream in = CaptureInput.open(name)) {
        all.addAll(parser.parse(name, in));
      } catch (IOException | UncheckedIOException e) {
        throw new UserError(name + ": cannot read: " + e.getMessage());
      }
    }
    if (all.stream().noneMatch(Capture::hasFacts)) {
      throw new UserError(String.join(", ", names) + ": no kernel stacks or lock facts found in any known format"
          + " (crash bt, sysrq-t/w, hung-task, lockdep, /proc/PID/stack, folded, perf lock)");
    }
    return all;
  }
}
