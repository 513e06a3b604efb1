package dev.lockxref.capture.read;

import dev.lockxref.capture.Frame;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one stack frame from a line, in any of the shapes kernels and tools print:
 * {@code ? func+0x1c/0x30 [mod]}, {@code [<ffffffff8152cb05>] func+0x95/0x1d0},
 * {@code [<0>] func+0x..}, syzbot's {@code func+0x../0x.. fs/x.c:12} and {@code func fs/x.c:12 [inline]},
 * crash's {@code #3 [ffff...] func at ffffffff... [mod]} and {@code [exception RIP: func+11]}, and arm32's
 * {@code [<c0..>] (func+0x..) from ...}.
 */
public final class FrameLine {
  private static final String FN = "(?<fn>[A-Za-z_$][\\w$.]*)";
  private static final String MOD = "(?:\\s+\\[(?<mod>[\\w-]+)\\])?";
  private static final String SRC = "(?:\\s+(?<file>[\\w./+-]+\\.[chSs]):(?<line>\\d+))?";

  private static final Pattern KERNEL = Pattern.compile(
      "^\\s*(?:\\[<[0-9a-fA-F]+>\\]\\s*)?(?<q>\\?\\s*)?(?::(?<oldmod>[\\w-]+):)?" + FN
          + "\\+0x(?<off>[0-9a-f]+)(?:/0x(?<size>[0-9a-f]+))?" + MOD + SRC
          + "(?<inl>\\s+\\[inline\\])?\\s*$");
  private static final Pattern INLINE = Pattern.compile(
      "^\\s*" + FN + "\\s+(?<file>[\\w./+-]+\\.[chSs]):(?<line>\\d+)\\s+\\[inline\\]\\s*$");
  private static final Pattern CRASH = Pattern.compile(
      "^\\s*#\\s?\\d+\\s+\\[[0-9a-f]+\\]\\s+" + FN + "\\s+at\\s+[0-9a-f]+" + MOD + "\\s*$");
  private static final Pattern ARM32 = Pattern.compile(
      "^\\s*\\[<[0-9a-f]+>\\]\\s+\\(" + FN
          + "(?:\\+0x(?<off>[0-9a-f]+)/0x(?<size>[0-9a-f]+))?" + MOD + "\\)\\s+from\\s+\\[<[0-9a-f]+>\\].*$");
  /** Where crash found a task interrupted (an NMI stopped it on its CPU): the task's own top frame. */
  private static final Pattern CRASH_EXCEPTION = Pattern.compile(
      "^\\s*\\[exception RIP: " + FN + "\\+(?<off>\\d+)\\]\\s*$");
  /** crash's {@code bt -l} puts the source line of the frame above on a line of its own. */
  private static final Pattern CRASH_SOURCE = Pattern.compile("^\\s+(?<file>/?[\\w./+-]+\\.[chSs]):\\s*(?<line>\\d+)\\s*$");

  private FrameLine() {}

  /** The frame on this line, or null when the line is not a frame. */
  public static Frame parse(String text) {
    Frame fast = Scan.kernelFrame(text);
    if (fast != null) {
      return fast;
    }
    if (text.indexOf('+') >= 0) {
      Matcher m = KERNEL.matcher(text);
      if (m.matches()) {
        String module = m.group("mod") != null ? m.group("mod") : m.group("oldmod");
        return new Frame(m.group("fn"), hex(m.group("off")), hex(m.group("size")), module,
            m.group("q") == null, m.group("file"), number(m.group("line")), m.group("inl") != null);
      }
    }
    if (text.contains(" at ")) {
      Matcher m = CRASH.matcher(text);
      if (m.matches()) {
        return new Frame(m.group("fn"), -1, -1, m.group("mod"), true, null, 0, false);
      }
    }
    if (text.contains("[exception RIP: ")) {
      Matcher m = CRASH_EXCEPTION.matcher(text);
      if (m.matches()) {
        return new Frame(m.group("fn"), Long.parseLong(m.group("off")), -1, null, true, null, 0, false);
      }
    }
    if (text.contains("[inline]")) {
      Matcher m = INLINE.matcher(text);
      if (m.matches()) {
        return new Frame(m.group("fn"), -1, -1, null, true, m.group("file"), number(m.group("line")), true);
      }
    }
    if (text.contains(" from ")) {
      Matcher m = ARM32.matcher(text);
      if (m.matches()) {
        return new Frame(m.group("fn"), hex(m.group("off")), hex(m.group("size")), m.group("mod"), true, null, 0, false);
      }
    }
    return null;
  }

  /** The source position of a crash {@code bt -l} continuation line: {file, line}, or null. */
  public static String[] crashSource(String text) {
    Matcher m = CRASH_SOURCE.matcher(text);
    return m.matches() ? new String[] {m.group("file"), m.group("line")} : null;
  }

  /** True when the line starts like a frame but does not end like one: a frame cut short. */
  public static boolean looksCut(String text) {
    String t = text.strip();
    return t.matches("^(\\?\\s*)?(\\[<[0-9a-f]+>\\]\\s*)?[A-Za-z_][\\w.]*\\+(0x[0-9a-f]*(/(0x[0-9a-f]*)?)?)?$")
        || (text.startsWith(" ") && t.matches("^[a-z_][a-z0-9_]*_[a-z0-9_.]*$"))
        || t.matches("^\\[<[0-9a-f]*>?\\]?$");
  }

  private static long hex(String s) {
    return s == null ? -1 : Long.parseUnsignedLong(s.length() > 15 ? s.substring(s.length() - 15) : s, 16);
  }

  private static int number(String s) {
    if (s == null || s.length() > 9) {
      return 0;
    }
    return Integer.parseInt(s);
  }

  /**
   * Reads the commonest shape, {@code [<addr>] ? func+0x1c/0x30 [mod]}, without a regex; returns
   * null for anything else (source positions, inline frames...), which the patterns then read.
   */
  private static final class Scan {
    private Scan() {}

    static Frame kernelFrame(String s) {
      int n = s.length();
      int i = skipSpaces(s, 0);
      if (i < n && s.charAt(i) == '[') {
        if (i + 1 >= n || s.charAt(i + 1) != '<') {
          return null;
        }
        int close = s.indexOf(">]", i + 2);
        if (close < 0 || !isHex(s, i + 2, close)) {
          return null;
        }
        i = skipSpaces(s, close + 2);
      }
      boolean reliable = true;
      if (i < n && s.charAt(i) == '?') {
        reliable = false;
        i = skipSpaces(s, i + 1);
      }
      int nameStart = i;
      if (i >= n || !(Character.isLetter(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
        return null;
      }
      while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.' || s.charAt(i) == '$')) {
        i++;
      }
      int nameEnd = i;
      if (!s.startsWith("+0x", i)) {
        return null;
      }
      i += 3;
      int offStart = i;
      while (i < n && isHexChar(s.charAt(i))) {
        i++;
      }
      if (i == offStart || i - offStart > 15) {
        return null;
      }
      long offset = Long.parseLong(s, offStart, i, 16);
      long size = -1;
      if (s.startsWith("/0x", i)) {
        i += 3;
        int sizeStart = i;
        while (i < n && isHexChar(s.charAt(i))) {
          i++;
        }
        if (i == sizeStart || i - sizeStart > 15) {
          return null;
        }
        size = Long.parseLong(s, sizeStart, i, 16);
      }
      String module = null;
      i = skipSpaces(s, i);
      if (i < n && s.charAt(i) == '[') {
        int close = s.indexOf(']', i);
        if (close < 0 || close == i + 1) {
          return null;
        }
        for (int k = i + 1; k < close; k++) {
          char c = s.charAt(k);
          if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
            return null;
          }
        }
        module = s.substring(i + 1, close);
        i = skipSpaces(s, close + 1);
      }
      if (i != n) {
        return null;
      }
      return new Frame(s.substring(nameStart, nameEnd), offset, size, module, reliable, null, 0, false);
    }

    private static int skipSpaces(String s, int i) {
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
      return i;
    }

    private static boolean isHexChar(char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static boolean isHex(String s, int from, int to) {
      if (to <= from) {
        return false;
      }
      for (int k = from; k < to; k++) {
        char c = s.charAt(k);
        if (!isHexChar(c) && !(c >= 'A' && c <= 'F')) {
          return false;
        }
      }
      return true;
    }
  }
}
