package dev.lockxref.indexer;

/**
 * Splits C source into tokens with their line numbers, leaving out comments, string and character
 * literals (a string becomes one token {@code ""}), and preprocessor lines (with their
 * continuations). Good enough to find calls and their arguments; not a C parser.
 */
public final class CLexer {
  /** One-character tokens, shared: most tokens of C are punctuation. */
  private static final String[] SINGLE = new String[128];

  static {
    for (char c = 0; c < SINGLE.length; c++) {
      SINGLE[c] = String.valueOf(c).intern();
    }
  }

  // identifiers and numbers of kernel C are ASCII; other bytes only appear in comments and strings
  static boolean identifierStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  private static boolean identifierPart(char c) {
    return identifierStart(c) || c >= '0' && c <= '9';
  }

  private CLexer() {}

  public static Tokens tokens(String src) {
    return tokens(src, 0, src.length(), 1);
  }

  /** The tokens of SRC between offsets FROM and TO, FROM being the start of line FIRST_LINE. */
  public static Tokens tokens(String src, int from, int to, int firstLine) {
    Tokens out = new Tokens((to - from) / 5);
    int n = to;
    int i = from;
    int line = firstLine;
    boolean lineStart = true;
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
        lineStart = true;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
        continue;
      }
      if (c == '\\' && i + 1 < n && src.charAt(i + 1) == '\n') {
        // a continued line goes on the same logical line: a '#' after it is no directive (a macro's ##__VA_ARGS__)
        line++;
        i += 2;
        continue;
      }
      if (c == '#' && lineStart) {
        // a preprocessor line, with backslash continuations and comments inside
        while (i < n && src.charAt(i) != '\n') {
          if (src.charAt(i) == '\\' && i + 1 < n && src.charAt(i + 1) == '\n') {
            line++;
            i += 2;
            continue;
          }
          if (src.startsWith("/*", i)) {
            int end = src.indexOf("*/", i + 2);
            end = end < 0 ? n : end + 2;
            line += count(src, i, end);
            i = end;
            continue;
          }
          i++;
        }
        continue;
      }
      lineStart = false;
      if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        line += count(src, i, end);
        i = end;
        continue;
      }
      if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        int start = line;
        i++;
        while (i < n && src.charAt(i) != c) {
          if (src.charAt(i) == '\\' && i + 1 < n) {
            if (src.charAt(i + 1) == '\n') {
              line++;
            }
            i += 2;
            continue;
          }
          if (src.charAt(i) == '\n') {
            break; // unterminated: stop at the end of the line
          }
          i++;
        }
        i++;
        out.add(c == '"' ? "\"\"" : "''", start);
        continue;
      }
      if (identifierStart(c)) {
        int start = i;
        while (i < n && identifierPart(src.charAt(i))) {
          i++;
        }
        out.add(src.substring(start, i), line);
        continue;
      }
      if (c >= '0' && c <= '9') {
        int start = i;
        while (i < n && (identifierPart(src.charAt(i)) || src.charAt(i) == '.')) {
          i++;
        }
        out.add(src.substring(start, i), line);
        continue;
      }
      if (c == '-' && i + 1 < n && src.charAt(i + 1) == '>') {
        out.add("->", line);
        i += 2;
        continue;
      }
      out.add(c < SINGLE.length ? SINGLE[c] : String.valueOf(c), line);
      i++;
    }
    return out;
  }

  private static int count(String s, int from, int to) {
    int lines = 0;
    for (int k = from; k < to; k++) {
      if (s.charAt(k) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
