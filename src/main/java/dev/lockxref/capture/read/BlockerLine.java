package dev.lockxref.capture.read;

import dev.lockxref.capture.Blocker;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the hung-task blocker lines of newer kernels:
 * "INFO: task A:1 is blocked on a mutex likely owned by task B:2.",
 * "INFO: task A:1 &lt;reader&gt; blocked on an rw-semaphore likely owned by task B:2 &lt;writer&gt;",
 * "... blocked on a semaphore likely last held by task B:2", "... but the owner is not found".
 */
public final class BlockerLine {
  private static final Pattern LINE = Pattern.compile(
      "^\\s*INFO: task (?<comm>.+?):(?<pid>\\d+)(?: <\\w+>)? (?:is )?blocked on an? (?<kind>mutex|semaphore|rw-semaphore|rwsem)"
          + "(?:,? (?:likely (?:owned|last held) by task (?<owner>.+):(?<opid>\\d+)(?: <\\w+>)?|but the owner is not found))?\\.?\\s*$");

  private BlockerLine() {}

  /** A blocker fact: the blocked task's pid and comm, and what blocks it. */
  public record Fact(int pid, String comm, Blocker blocker) {}

  public static Fact parse(String text) {
    if (!text.contains(" blocked on a")) {
      return null;
    }
    Matcher m = LINE.matcher(text);
    if (!m.matches() || m.group("pid").length() > 9) {
      return null;
    }
    String owner = m.group("owner");
    int ownerPid = owner == null || m.group("opid").length() > 9 ? -1 : Integer.parseInt(m.group("opid"));
    String kind = m.group("kind").equals("rwsem") ? "rw-semaphore" : m.group("kind");
    return new Fact(Integer.parseInt(m.group("pid")), m.group("comm"),
        new Blocker(kind, owner, ownerPid, text.strip()));
  }
}
