package dev.lockxref.collect;

import dev.lockxref.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every thread's kernel stack from /proc, the safe way: only reads (never the SysRq trigger),
 * skips threads that exit while it reads, and writes rounds in the format {@code analyze} reads:
 * a {@code # lockxref-collect} header per round, then per thread
 * {@code TID (comm) STATE wchan=FUNC} followed by its {@code /proc/TID/stack} lines.
 */
public final class Collector {
  private final Path proc;

  public Collector(Path proc) {
    this.proc = proc;
  }

  public Collector() {
    this(Path.of("/proc"));
  }

  /** Fails with one line when kernel stacks cannot be read (not root, or no /proc/PID/stack). */
  public void checkAccess() {
    Path stack = proc.resolve("self").resolve("stack");
    try {
      Files.readAllBytes(stack);
    } catch (AccessDeniedException e) {
      throw new UserError("collect needs root to read kernel stacks (" + stack + " is not readable): run it with sudo");
    } catch (NoSuchFileException e) {
      throw new UserError(stack + " does not exist: this kernel does not offer /proc/PID/stack (CONFIG_STACKTRACE)");
    } catch (IOException e) {
      // /proc answers a read (not the open) with EACCES or EPERM for a task's stack
      String why = String.valueOf(e.getMessage());
      if (why.contains("Permission denied") || why.contains("Operation not permitted")) {
        throw new UserError("collect needs root to read kernel stacks (" + stack + " is not readable): run it with sudo");
      }
      throw new UserError("cannot read " + stack + ": " + why);
    }
  }

  /** Writes ROUNDS rounds, INTERVAL_MILLIS apart; returns how many threads were read in all. */
  public long collect(int rounds, long intervalMillis, PrintWriter out) throws InterruptedException {
    long total = 0;
    for (int r = 1; r <= rounds; r++) {
      if (r > 1) {
        Thread.sleep(intervalMillis);
      }
      out.println(header(r));
      total += round(out);
      out.flush();
    }
    return total;
  }

  private String header(int round) {
    return "# lockxref-collect round=" + round + " time=" + Instant.now().truncatedTo(ChronoUnit.MILLIS)
        + " host=" + oneWord(read(proc.resolve("sys/kernel/hostname")))
        + " kernel=" + oneWord(read(proc.resolve("sys/kernel/osrelease")))
        + " boot_id=" + oneWord(read(proc.resolve("sys/kernel/random/boot_id")));
  }

  private long round(PrintWriter out) {
    long n = 0;
    for (Path process : numbered(proc)) {
      for (Path thread : numbered(process.resolve("task"))) {
        if (thread(thread, out)) {
          n++;
        }
      }
    }
    return n;
  }

  /** One thread; false when it went away while being read. */
  private boolean thread(Path dir, PrintWriter out) {
    String stat = read(dir.resolve("stat"));
    String stack = read(dir.resolve("stack"));
    if (stat == null || stack == null) {
      return false;
    }
    String comm = read(dir.resolve("comm"));
    String wchan = read(dir.resolve("wchan"));
    int close = stat.lastIndexOf(')');
    String state = close > 0 && close + 2 < stat.length() ? stat.substring(close + 2, close + 3) : "?";
    out.println(dir.getFileName() + " (" + clean(comm == null ? "?" : comm.strip()) + ") " + state
        + " wchan=" + (wchan == null || wchan.isBlank() ? "0" : oneWord(wchan)));
    out.print(stack.endsWith("\n") || stack.isEmpty() ? stack : stack + "\n");
    return true;
  }

  private static List<Path> numbered(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      entries.forEach(out::add);
    } catch (IOException e) {
      return out;
    }
    out.sort((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()), Long.parseLong(b.getFileName().toString())));
    return out;
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static String oneWord(String s) {
    return s == null ? "?" : s.strip().replaceAll("\\s+", "_");
  }

  /** A comm is whatever the task set: keep it on one line. */
  private static String clean(String comm) {
    return comm.replaceAll("[\\p{Cntrl}]", "?");
  }
}
