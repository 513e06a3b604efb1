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

  /** A line with its prefixes removed; {@code time} is the last time stamp found, or null. */
  public record Stripped(String text, String time, boolean hadPrefix) {}

  public Stripped strip(String line) {
    // a prefix may stand behind the indentation a mail client added
    String rest = line.stripLeading();
    String time = null;
    boolean any = false;
    boolean again = true;
    while (again) {
      again = false;
      for (Pattern p : patterns) {
        Matcher m = p.matcher(rest);
        if (m.lookingAt() && m.end() > 0) {
          if (hasTimeGroup(p)) {
            String t = m.group("time");
            if (t != null) {
              time = t.strip();
            }
          }
          rest = rest.substring(m.end());
          any = true;
          again = true;
          break;
        }
      }
    }
    return any ? new Stripped(rest, time, true) : new Stripped(line, null, false);
  }

  private static boolean hasTimeGroup(Pattern p) {
    return p.pattern().contains("(?<time>");
  }
}
