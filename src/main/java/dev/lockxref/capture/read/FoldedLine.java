package dev.lockxref.capture.read;

import dev.lockxref.capture.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads folded stacks, one stack a line with its count, outermost frame first:
 * {@code comm;entry_SYSCALL_64;...;schedule 8} (bcc {@code offcputime -f}, FlameGraph's collapse scripts).
 */
public final class FoldedLine {
  private static final Pattern LINE = Pattern.compile("^[^;\\s][^;]*(?:;[^;]*)+\\s+\\d+\\s*$");

  private FoldedLine() {}

  /** A folded stack: the first element (the task name), frames innermost first, and the count. */
  public record Stack(String comm, List<Frame> frames, long count) {}

  public static Stack parse(String text) {
    if (text.indexOf(';') < 0 || !LINE.matcher(text).matches()) {
      return null;
    }
    String t = text.strip();
    int space = t.lastIndexOf(' ');
    String countText = t.substring(space + 1);
    long count = countText.length() > 18 ? Long.MAX_VALUE : Long.parseLong(countText);
    String[] parts = t.substring(0, space).strip().split(";");
    List<Frame> frames = new ArrayList<>();
    for (int i = parts.length - 1; i >= 1; i--) {
      String fn = parts[i].strip();
      if (fn.endsWith("_[k]")) {
        fn = fn.substring(0, fn.length() - 4);
      }
      if (!fn.isEmpty() && !fn.equals("-") && !fn.equals("--")) {
        frames.add(Frame.named(fn));
      }
    }
    return new Stack(parts[0].strip(), frames, count);
  }
}
