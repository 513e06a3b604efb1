package dev.lockxref.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A lab scenario's MANIFEST: the expected lock, and per capture file the waiters and holders. */
public record Manifest(Path dir, String scenario, String kernelRelease, String lock, String lockKind,
    List<String> waiterSites, List<Entry> entries, List<Profile> profiles, List<LockdepHolder> lockdepHolders) {

  /** A holder of the expected lock by lockdep's list in FILE (lockdep kernel), and whether its stack is among the blocked. */
  public record LockdepHolder(Path file, int pid, String comm, boolean blocked) {}

  /**
   * A contention profile file: how many entries, and the first one's type and caller (for
   * /proc/lock_stat: classes, no type, and the first class's name).
   */
  public record Profile(Path file, int entries, String topType, String topCaller) {}

  /** What one capture file must show. */
  public record Entry(Path file, String shape, int round, int tasks, int waiters, boolean interleaved, List<Holder> holders) {}

  /** A holder named by the MANIFEST, with the frames of what it waits on. */
  public record Holder(int pid, String comm, String waitsIn) {}

  private static final Pattern ENTRY = Pattern.compile(
      "^round(?<round>\\d+)-(?<shape>[\\w-]+)\\.txt\\.xz: tasks=(?<tasks>\\d+) waiters=(?<waiters>\\d+)(?<interleaved> interleaved=yes)? holders=(?<holders>.*)$");
  private static final Pattern PROFILE = Pattern.compile(
      "^(?<file>round\\d+-perf-lock-contention\\.txt\\.xz): entries=(?<n>\\d+) top=(?<type>\\S+) (?<caller>\\S+)$");
  private static final Pattern LOCK_STAT = Pattern.compile(
      "^(?<file>round\\d+-lock-stat\\.txt\\.xz): classes=(?<n>\\d+) top=(?<cls>.+) contentions=\\d+$");
  private static final Pattern LOCKDEP_HOLDER = Pattern.compile(
      "^(?<file>round\\d+-[\\w-]+\\.txt\\.xz) lockdep: holder=(?<pid>\\d+) \\((?<comm>[^)]*)\\) (?<shown>blocked|not blocked)$");
  private static final Pattern HOLDER = Pattern.compile("(?<pid>\\d+) \\((?<comm>[^)]*)\\) waits in (?<in>.*)");

  public static List<Manifest> all() {
    try (Stream<Path> dirs = Files.list(Testdata.captures())) {
      return dirs.filter(d -> Files.exists(d.resolve("MANIFEST"))).sorted().map(Manifest::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Manifest read(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("MANIFEST"));
      String scenario = value(lines, "scenario");
      List<Entry> entries = new ArrayList<>();
      List<Profile> profiles = new ArrayList<>();
      List<LockdepHolder> lockdepHolders = new ArrayList<>();
      for (String line : lines) {
        Matcher pm = PROFILE.matcher(line);
        if (pm.matches()) {
          profiles.add(new Profile(dir.resolve(pm.group("file")), Integer.parseInt(pm.group("n")), pm.group("type"), pm.group("caller")));
        }
        Matcher lm = LOCKDEP_HOLDER.matcher(line);
        if (lm.matches()) {
          lockdepHolders.add(new LockdepHolder(dir.resolve(lm.group("file")), Integer.parseInt(lm.group("pid")), lm.group("comm"),
              lm.group("shown").equals("blocked")));
        }
        Matcher sm = LOCK_STAT.matcher(line);
        if (sm.matches()) {
          profiles.add(new Profile(dir.resolve(sm.group("file")), Integer.parseInt(sm.group("n")), null, sm.group("cls")));
        }
        Matcher m = ENTRY.matcher(line);
        if (m.matches()) {
          List<Holder> holders = new ArrayList<>();
          if (!m.group("holders").equals("none")) {
            for (String h : m.group("holders").split("; ")) {
              Matcher hm = HOLDER.matcher(h);
              if (hm.matches()) {
                holders.add(new Holder(Integer.parseInt(hm.group("pid")), hm.group("comm"), hm.group("in")));
              }
            }
          }
          entries.add(new Entry(dir.resolve(line.substring(0, line.indexOf(':'))), m.group("shape"),
              Integer.parseInt(m.group("round")), Integer.parseInt(m.group("tasks")),
              Integer.parseInt(m.group("waiters")), m.group("interleaved") != null, holders));
        }
      }
      String sites = value(lines, "waiters wait in");
      return new Manifest(dir, scenario, value(lines, "kernel release"), value(lines, "expected lock"),
          value(lines, "expected lock kind"), Arrays.asList(sites.substring(0, sites.indexOf(" (")).split(" ")), entries, profiles,
          lockdepHolders);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String value(List<String> lines, String key) {
    return lines.stream().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2)).findFirst()
        .orElseThrow(() -> new IllegalStateException("MANIFEST has no '" + key + "'"));
  }
}
