package dev.lockxref.cli.commands;

import dev.lockxref.UserError;
import dev.lockxref.collect.Collector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lockxref collect}: every thread's kernel stack from /proc, in rounds, without SysRq. */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Read every thread's /proc/PID/stack, comm, state and wchan, ROUNDS times INTERVAL apart, and write",
      "one capture that 'lockxref analyze' reads. Unlike SysRq-t it only reads /proc, so it is safe on a",
      "busy machine. It lowers its own CPU and I/O priority. Needs root."
    })
public final class CollectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rounds", paramLabel = "N", description = "how many rounds (default 3)")
  int rounds = 3;

  @Option(names = "--interval", paramLabel = "SECONDS", description = "seconds between rounds (default 5)")
  double interval = 5;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "where to write; .xz or .gz compresses; - (default) is standard output")
  String output = "-";

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || interval < 0) {
      throw new UserError("--rounds must be at least 1 and --interval not negative");
    }
    Collector collector = new Collector();
    collector.checkAccess();
    lowerPriority();
    long interval = Math.round(this.interval * 1000);
    if (output.equals("-")) {
      PrintWriter out = spec.commandLine().getOut();
      collector.collect(rounds, interval, out);
      return 0;
    }
    Path target = Path.of(output).toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new UserError(output + " is a directory: give a file name, e.g. " + output + "/stacks.txt.xz");
    }
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UserError("cannot write " + output + ": its folder does not exist");
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
    long threads;
    try {
      try (OutputStream raw = compressor(Files.newOutputStream(tmp), target.toString());
          PrintWriter out = new PrintWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8))) {
        threads = collector.collect(rounds, interval, out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    spec.commandLine().getErr().printf("lockxref: %d rounds, %d thread stacks written to %s%n", rounds, threads, output);
    return 0;
  }

  private static OutputStream compressor(OutputStream out, String name) throws IOException {
    if (name.endsWith(".xz")) {
      return new XZOutputStream(out, new LZMA2Options(6));
    }
    if (name.endsWith(".gz")) {
      return new GZIPOutputStream(out);
    }
    return out;
  }

  /** Best effort: nice 19 and idle I/O class, so the collector never competes with the stuck work. */
  private static void lowerPriority() {
    String pid = Long.toString(ProcessHandle.current().pid());
    for (String[] cmd : new String[][] {{"renice", "-n", "19", "-p", pid}, {"ionice", "-c", "3", "-p", pid}}) {
      try {
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
      } catch (IOException e) {
        // the tool is missing: run at normal priority
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
