package dev.lockxref.capture.read;

import dev.lockxref.capture.Frame;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads lock contention profiles, whose facts are about locks rather than tasks: the tables of
 * {@code perf lock contention} (with the call stacks of {@code -v}/{@code -o}), {@code /proc/lock_stat}
 * and bcc's {@code klockstat}. A header line says which table the following rows belong to.
 */
public final class ProfileLine {
  /** The kinds of table; klockstat's hold table says how long callers held a lock, which is no contention. */
  public enum Table { PERF_LOCK, LOCK_STAT, KLOCKSTAT, KLOCKSTAT_HOLD }

  /** One row: the lock or caller, its type, how often contended, the total wait as printed. */
  public record Row(String name, String type, long contended, String totalWait) {}

  private static final Pattern PERF_HEADER = Pattern.compile("^\\s*contended\\s+total wait\\s+max wait\\s+avg wait.*$");
  private static final Pattern PERF_ROW = Pattern.compile(
      "^\\s*(?<count>\\d+)\\s+(?<total>[\\d.]+ \\w+)\\s+(?<max>[\\d.]+ \\w+)\\s+(?<avg>[\\d.]+ \\w+)\\s+(?<type>\\S+)\\s+(?<caller>\\S.*?)\\s*$");
  private static final Pattern PERF_FRAME = Pattern.compile(
      "^\\s+0x[0-9a-f]+\\s+(?<fn>[A-Za-z_$][\\w$.]*)(?:\\+0x(?<off>[0-9a-f]+))?(?:\\s+\\[(?<mod>[\\w-]+)\\])?\\s*$");
  private static final Pattern LOCK_STAT_CALLER = Pattern.compile(
      "^\\s+\\S+\\s+\\d+\\s+\\[<[0-9a-f]+>\\]\\s+(?<frame>\\S.*)$");
  /** A user-space address perf could not name: part of the stack, nothing to keep. */
  private static final Pattern PERF_BARE_ADDRESS = Pattern.compile("^\\s+0x[0-9a-f]+\\s*$");
  private static final Pattern LOCK_STAT_HEADER = Pattern.compile("^\\s*(lock_stat version|class name\\s+con-bounces).*$");
  private static final Pattern LOCK_STAT_ROW = Pattern.compile(
      "^\\s*(?<name>\\S.*?):\\s+(?<bounces>\\d+)\\s+(?<count>\\d+)\\s+(?<min>[\\d.]+)\\s+(?<max>[\\d.]+)\\s+(?<total>[\\d.]+)\\b.*$");
  private static final Pattern KLOCKSTAT_HEADER = Pattern.compile("^\\s*Caller\\s+Avg (?<what>Spin|Hold|Wait)\\s+Count.*$");
  private static final Pattern KLOCKSTAT_ROW = Pattern.compile(
      "^\\s*(?<caller>\\S+)\\s+(?<avg>\\d+)\\s+(?<count>\\d+)\\s+(?<max>\\d+)\\s+(?<total>\\d+)\\s*$");

  private ProfileLine() {}

  /** The table a header line opens, or null. */
  public static Table header(String text) {
    if (!text.contains("contended") && !text.contains("lock_stat") && !text.contains("class name") && !text.contains("Caller")) {
      return null;
    }
    if (PERF_HEADER.matcher(text).matches()) {
      return Table.PERF_LOCK;
    }
    if (LOCK_STAT_HEADER.matcher(text).matches()) {
      return Table.LOCK_STAT;
    }
    Matcher klockstat = KLOCKSTAT_HEADER.matcher(text);
    if (klockstat.matches()) {
      return klockstat.group("what").equals("Hold") ? Table.KLOCKSTAT_HOLD : Table.KLOCKSTAT;
    }
    return null;
  }

  /** True for a stack line of a profile that names no function. */
  public static boolean bareAddress(String text) {
    return PERF_BARE_ADDRESS.matcher(text).matches();
  }

  /** A row of TABLE on this line, or null. */
  public static Row row(Table table, String text) {
    Matcher m;
    switch (table) {
      case PERF_LOCK:
        m = PERF_ROW.matcher(text);
        return m.matches() ? new Row(m.group("caller"), m.group("type"), count(m), m.group("total")) : null;
      case LOCK_STAT:
        m = LOCK_STAT_ROW.matcher(text);
        return m.matches() ? new Row(m.group("name"), null, count(m), m.group("total") + " us") : null;
      default:
        // bcc's klockstat traces mutex_lock alone: its rows are mutexes, though it does not print a type
        m = KLOCKSTAT_ROW.matcher(text);
        return m.matches() ? new Row(m.group("caller"), "mutex", count(m), m.group("total") + " ns") : null;
    }
  }

  /** A call-stack line of perf lock contention: {@code 0xffffffff903f15bc  rwsem_down_write_slowpath+0x36c}. */
  public static Frame frame(String text) {
    Matcher caller = LOCK_STAT_CALLER.matcher(text);
    if (caller.matches()) {
      return FrameLine.parse(caller.group("frame"));
    }
    Matcher m = PERF_FRAME.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String off = m.group("off");
    long offset = off == null || off.length() > 15 ? -1 : Long.parseLong(off, 16);
    return new Frame(m.group("fn"), offset, -1, m.group("mod"), true, null, 0, false);
  }

  private static long count(Matcher m) {
    String c = m.group("count");
    return c.length() > 18 ? Long.MAX_VALUE : Long.parseLong(c);
  }
}
