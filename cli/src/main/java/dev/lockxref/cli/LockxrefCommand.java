package dev.lockxref.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import dev.lockxref.cli.commands.AnalyzeCommand;
import dev.lockxref.cli.commands.CollectCommand;
import dev.lockxref.cli.commands.BenchFloorCommand;
import dev.lockxref.cli.commands.BenchQueriesCommand;
import dev.lockxref.cli.commands.CallGraphCommand;
import dev.lockxref.cli.commands.DemoCommand;
import dev.lockxref.cli.commands.HeldCommand;
import dev.lockxref.cli.commands.ServeCommand;
import dev.lockxref.cli.commands.BenchHttpCommand;
import dev.lockxref.cli.commands.WhyBlocksCommand;
import dev.lockxref.cli.commands.IndexCommand;
import dev.lockxref.cli.commands.LocksCommand;
import dev.lockxref.cli.commands.SitesCommand;
import dev.lockxref.cli.commands.WhoTakesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: prints usage; the work is in the subcommands. */
@Command(
    name = "lockxref",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Links captured kernel stack traces to the lock sites in the kernel source.",
    subcommands = {DemoCommand.class, AnalyzeCommand.class, CollectCommand.class, IndexCommand.class,
        SitesCommand.class, WhoTakesCommand.class, HeldCommand.class, WhyBlocksCommand.class, LocksCommand.class, CallGraphCommand.Callers.class,
        CallGraphCommand.Callees.class, ServeCommand.class, BenchQueriesCommand.class, BenchFloorCommand.class, BenchHttpCommand.class, CommandLine.HelpCommand.class})
public final class LockxrefCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    spec.commandLine().usage(out);
    return 0;
  }

  /** The configured command line, shared by {@link Main} and the tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new LockxrefCommand());
    cl.setExecutionExceptionHandler(new OneLineErrors());
    cl.setParameterExceptionHandler(new OneLineErrors());
    return cl;
  }
}
