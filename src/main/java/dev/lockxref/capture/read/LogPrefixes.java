package dev.lockxref.capture.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    try (InputStream in = LogPrefixes.class.getResourceAsStream("log-prefixes.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<Pattern> list = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          list.add(Pattern.compile(line));
        }
      }
      return new LogPrefixes(list);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line with its prefixes removed; {@code time} is the last time stamp found, or null. */
  public record Stripped(String text, String time, boolean hadPrefix) {}

  public Stripped strip(String line) {
    String rest = line;
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
    return new Stripped(rest, time, any);
  }

  private static boolean hasTimeGroup(Pattern p) {
    return p.pattern().contains("(?<time>");
  }
}
