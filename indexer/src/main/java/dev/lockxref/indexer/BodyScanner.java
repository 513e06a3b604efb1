package dev.lockxref.indexer;

import dev.lockxref.indexer.CLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds the calls in a function body: identifiers followed by '(' that are not C keywords. */
public final class BodyScanner {
  private static final Set<String> NOT_CALLS = Set.of("if", "while", "for", "switch", "return", "sizeof",
      "typeof", "__typeof__", "__typeof", "_Generic", "alignof", "__alignof__", "_Alignof", "do", "else", "case",
      "asm", "__asm__", "__asm", "volatile", "__volatile__", "__attribute__", "__builtin_expect",
      "likely", "unlikely", "defined", "offsetof", "__builtin_offsetof", "struct", "union", "enum", "goto");

  private BodyScanner() {}

  /** The index of the '{' that opens the body of the function whose name is on line START, or -1. */
  public static int bodyStart(List<Token> tokens, int startLine, int endLine) {
    int i = firstTokenAtOrAfter(tokens, startLine);
    int depth = 0;
    for (; i < tokens.size() && tokens.get(i).line() <= endLine; i++) {
      String t = tokens.get(i).text();
      if (t.equals("(")) {
        depth++;
      } else if (t.equals(")")) {
        // ctags may give the line after the one the signature starts on: a ')' with no '(' seen
        depth = Math.max(0, depth - 1);
      } else if (t.equals("{") && depth == 0) {
        return i;
      } else if (t.equals(";") && depth == 0) {
        return -1; // a prototype
      }
    }
    return -1;
  }

  /** The index of the '}' matching the '{' at OPEN. */
  public static int matching(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      String t = tokens.get(i).text();
      if (t.equals("{")) {
        depth++;
      } else if (t.equals("}")) {
        if (--depth == 0) {
          return i;
        }
      }
    }
    return tokens.size() - 1;
  }

  public static int firstTokenAtOrAfter(List<Token> tokens, int line) {
    int lo = 0;
    int hi = tokens.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).line() < line) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The calls between tokens FROM and TO (exclusive), in order. */
  public static List<Call> calls(List<Token> tokens, int from, int to) {
    List<Call> out = new ArrayList<>();
    for (int i = from; i < to - 1; i++) {
      Token t = tokens.get(i);
      if (!t.isIdentifier() || !tokens.get(i + 1).is("(") || NOT_CALLS.contains(t.text())) {
        continue;
      }
      if (i > from && (tokens.get(i - 1).is(".") || tokens.get(i - 1).is("->"))) {
        continue; // ops->fn(...): an indirect call, read by the call graph, not here
      }
      int close = closing(tokens, i + 1, to);
      out.add(Call.of(t.text(), t.line(), args(tokens, i + 2, close), close + 1));
    }
    return out;
  }

  /** The index of the ')' matching the '(' at OPEN (or LIMIT - 1 when unbalanced). */
  public static int closing(List<Token> tokens, int open, int limit) {
    int depth = 0;
    for (int i = open; i < limit; i++) {
      String t = tokens.get(i).text();
      if (t.equals("(")) {
        depth++;
      } else if (t.equals(")")) {
        if (--depth == 0) {
          return i;
        }
      }
    }
    return limit - 1;
  }

  /** The top-level comma-separated arguments between FROM and TO, as text. */
  public static List<String> args(List<Token> tokens, int from, int to) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int depth = 0;
    for (int i = from; i < to; i++) {
      String t = tokens.get(i).text();
      if (t.equals("(") || t.equals("[") || t.equals("{")) {
        depth++;
      } else if (t.equals(")") || t.equals("]") || t.equals("}")) {
        depth--;
      } else if (t.equals(",") && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      append(cur, t);
    }
    if (cur.length() > 0 || !out.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }

  /** Joins tokens with a space only where two words would otherwise run together. */
  static void append(StringBuilder sb, String token) {
    if (sb.length() > 0) {
      char last = sb.charAt(sb.length() - 1);
      char first = token.charAt(0);
      if ((Character.isLetterOrDigit(last) || last == '_') && (Character.isLetterOrDigit(first) || first == '_')) {
        sb.append(' ');
      }
    }
    sb.append(token);
  }
}
