package dev.lockxref.indexer;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a file's function-like macros ({@code #define NAME(PARAMS) BODY}) with the line where
 * their continuation lines stop. Read here rather than asked of ctags: most of a kernel tree's
 * tags are object-like {@code #define}s, which the index never uses, and asking ctags for the
 * kind would make it write (and lockxref parse) millions of them. A line that starts with
 * {@code #define} counts even inside a block comment (the kernel's comment lines start with *).
 */
final class MacroFinder {
  private MacroFinder() {}

  static List<Definitions.Function> functionLike(String text, String path, int[] lineStarts, Names names) {
    List<Definitions.Function> out = new ArrayList<>();
    int line = 1;
    for (int at = text.indexOf("define"); at >= 0; at = text.indexOf("define", at + 6)) {
      while (line < lineStarts.length && lineStarts[line] <= at) {
        line++;
      }
      int start = lineStarts[line - 1];
      int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
      String name = definedName(text, start, end);
      boolean continuation = line > 1 && endsWithBackslash(text, lineStarts[line - 2], start - 1);
      if (name != null && !continuation) {
        out.add(new Definitions.Function(names.of(name), path, line, lastLine(text, lineStarts, line), null, false, true));
      }
      at = Math.max(at, end - 6); // the next search starts on the next line
    }
    return out;
  }

  /** NAME when the line is {@code #define NAME(} (no space before the parenthesis), else null. */
  private static String definedName(String text, int start, int end) {
    int i = skipBlanks(text, start, end);
    if (i >= end || text.charAt(i) != '#') {
      return null;
    }
    i = skipBlanks(text, i + 1, end);
    if (!text.startsWith("define", i)) {
      return null;
    }
    i += "define".length();
    int nameStart = skipBlanks(text, i, end);
    if (nameStart == i || nameStart >= end || !Character.isJavaIdentifierStart(text.charAt(nameStart))) {
      return null;
    }
    int nameEnd = nameStart;
    while (nameEnd < end && (Character.isLetterOrDigit(text.charAt(nameEnd)) || text.charAt(nameEnd) == '_')) {
      nameEnd++;
    }
    return nameEnd < end && text.charAt(nameEnd) == '(' ? text.substring(nameStart, nameEnd) : null;
  }

  /** The last line of a directive that starts at LINE: it goes on while lines end with a backslash. */
  private static int lastLine(String text, int[] lineStarts, int line) {
    int current = line;
    while (current < lineStarts.length) {
      int start = lineStarts[current - 1];
      int end = lineStarts[current] - 1;
      if (!endsWithBackslash(text, start, end)) {
        break;
      }
      current++;
    }
    return current;
  }

  private static boolean endsWithBackslash(String text, int start, int end) {
    int last = end - 1;
    while (last >= start && Character.isWhitespace(text.charAt(last))) {
      last--;
    }
    return last >= start && text.charAt(last) == '\\';
  }

  private static int skipBlanks(String text, int from, int end) {
    int i = from;
    while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
