package dev.lockxref.capture.read;

import dev.lockxref.capture.Frame;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads lockdep's held-locks lists: "N locks held by comm/pid:" and "#0: addr (class){....}, at: f+0x..". */
public final class LockdepLine {
  private static final Pattern HOLDER = Pattern.compile(
      "^\\s*(?<n>\\d+|no) locks? held by (?<comm>.+)/(?<pid>\\d+):?\\s*$");
  private static final Pattern ENTRY = Pattern.compile(
      "^\\s*#(?<i>\\d+):\\s+(?:(?<addr>[0-9a-f]{6,16})\\s+)?\\((?<cls>.*)\\)\\{[^}]*\\}(?:-\\{[^}]*\\})?(?:, at:\\s*(?<at>.*))?$");

  private LockdepLine() {}

  /** A "locks held by" line: {comm, pid} and how many locks it says ("no locks" is 0). */
  public record Holder(String comm, int pid, int count) {}

  /** One entry of a holder's list. */
  public record Entry(int index, String address, String lockClass, Frame at) {}

  public static Holder holder(String text) {
    if (!text.contains(" held by ")) {
      return null;
    }
    Matcher m = HOLDER.matcher(text);
    if (!m.matches() || m.group("pid").length() > 9) {
      return null;
    }
    String n = m.group("n");
    int count = n.equals("no") || n.length() > 6 ? 0 : Integer.parseInt(n);
    return new Holder(m.group("comm"), Integer.parseInt(m.group("pid")), count);
  }

  public static Entry entry(String text) {
    if (!text.contains("#")) {
      return null;
    }
    Matcher m = ENTRY.matcher(text);
    if (!m.matches() || m.group("i").length() > 6) {
      return null;
    }
    Frame at = m.group("at") == null ? null : FrameLine.parse(m.group("at"));
    return new Entry(Integer.parseInt(m.group("i")), m.group("addr"), m.group("cls"), at);
  }
}
