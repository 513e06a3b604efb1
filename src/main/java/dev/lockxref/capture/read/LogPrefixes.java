package dev.lockxref.capture.read;

import dev.lockxref.DataFile;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what logging put before a kernel line (dmesg time stamps, syslog and journal prefixes,
 * printk caller ids), keeping the time stamp. The prefixes are data: {@code log-prefixes.txt}.
 */
public final class LogPrefixes {
  private final List<Pattern> patterns;

  private LogPrefixes(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** The prefixes shipped with lockxref. */
  public static LogPrefixes standard() {
    return new LogPrefixes(DataFile.patterns(LogPrefixes.class, "log-prefixes.txt"));
  }

  /** A line with its prefixes removed, which took the first {@code prefixEnd} characters of the (de-indented) line. */
  public record Stripped(String text, int prefixEnd, boolean hadPrefix) {}

  /** The time stamp in a prefix that {@link #strip} removed, or null: computed only when asked. */
  public String timeIn(String prefix) {
    String time = null;
    String rest = prefix;
    boolean again = true;
    while (again && !rest.isEmpty()) {
      again = false;
      int fast = dmesgTimestampEnd(rest);
      if (fast > 0) {
        time = rest.substring(1, fast - 1).strip();
        rest = rest.substring(Math.min(rest.length(), fast + 1));
        again = true;
        continue;
      }
      for (Pattern p : patterns) {
        Matcher m = p.matcher(rest);
        if (m.lookingAt() && m.end() > 0) {
          if (hasTimeGroup(p) && m.group("time") != null) {
            time = m.group("time").strip();
          }
          rest = rest.substring(m.end());
          again = true;
          break;
        }
      }
    }
    return time;
  }

  public Stripped strip(String line) {
    // a prefix may stand behind the indentation a mail client added
    String trimmed = line.stripLeading();
    String rest = trimmed;
    if (rest.isEmpty() || !mayStartPrefix(rest)) {
      return embedded(line);
    }
    boolean any = false;
    boolean again = true;
    while (again && !rest.isEmpty() && mayStartPrefix(rest)) {
      again = false;
      int fast = dmesgTimestampEnd(rest);
      if (fast > 0) {
        rest = rest.substring(fast < rest.length() && rest.charAt(fast) == ' ' ? fast + 1 : fast);
        any = true;
        again = true;
        continue;
      }
      for (Pattern p : patterns) {
        Matcher m = p.matcher(rest);
        if (m.lookingAt() && m.end() > 0) {
          rest = rest.substring(m.end());
          any = true;
          again = true;
          break;
        }
      }
    }
    return any ? new Stripped(rest, trimmed.length() - rest.length(), true) : embedded(line);
  }

  /**
   * A console line another writer printed into ("/init: line 56: [   71.621961]  path_openat+0x337"):
   * what follows the first kernel timestamp in it, or the line as it is.
   */
  private static Stripped embedded(String line) {
    for (int at = line.indexOf('[', 1); at > 0; at = line.indexOf('[', at + 1)) {
      int end = dmesgTimestampEnd(line.substring(at));
      if (end > 0) {
        int from = at + end;
        if (from < line.length() && line.charAt(from) == ' ') {
          from++;
        }
        return new Stripped(line.substring(from), from, true);
      }
    }
    return new Stripped(line, 0, false);
  }

  /** Where "[  249.812345]" ends (past ']'), or -1: the commonest prefix, read without a regex. */
  private static int dmesgTimestampEnd(String s) {
    if (s.isEmpty() || s.charAt(0) != '[') {
      return -1;
    }
    int i = 1;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    int digits = i;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == digits || i >= s.length() || s.charAt(i) != '.') {
      return -1;
    }
    int frac = ++i;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i > frac && i < s.length() && s.charAt(i) == ']' ? i + 1 : -1;
  }

  private static final java.util.Set<String> MONTHS =
      java.util.Set.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

  /** Every prefix starts with "<N>", '[', an ISO date or a month name: anything else has none. */
  private static boolean mayStartPrefix(String s) {
    char c = s.charAt(0);
    if (c == '<' || c == '[') {
      return true;
    }
    if (c >= '0' && c <= '9') {
      return s.length() > 10 && s.charAt(4) == '-' && s.charAt(7) == '-';
    }
    return s.length() > 4 && s.charAt(3) == ' ' && MONTHS.contains(s.substring(0, 3));
  }

  private static boolean hasTimeGroup(Pattern p) {
    return p.pattern().contains("(?<time>");
  }
}
