package dev.lockxref.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the calls in a function body: identifiers followed by '(' that are not C keywords. */
public final class BodyScanner {
  private static final Set<String> NOT_CALLS = WordSet.of("if", "while", "for", "switch", "return", "sizeof",
      "typeof", "__typeof__", "__typeof", "_Generic", "alignof", "__alignof__", "_Alignof", "do", "else", "case",
      "asm", "__asm__", "__asm", "volatile", "__volatile__", "__attribute__", "__builtin_expect",
      "likely", "unlikely", "defined", "offsetof", "__builtin_offsetof", "struct", "union", "enum", "goto");

  private BodyScanner() {}

  /** The index of the '{' that opens the body of the function whose name is on line START, or -1. */
  public static int bodyStart(Tokens tokens, int startLine, int endLine) {
    int i = firstTokenAtOrAfter(tokens, startLine);
    int depth = 0;
    for (; i < tokens.size() && tokens.line(i) <= endLine; i++) {
      String t = tokens.text(i);
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
  public static int matching(Tokens tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      String t = tokens.text(i);
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

  public static int firstTokenAtOrAfter(Tokens tokens, int line) {
    int lo = 0;
    int hi = tokens.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.line(mid) < line) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The calls between tokens FROM and TO (exclusive), in order. An argument that is a local whose
   * every assignment in the range is made of allocation flags ({@code gfp_t gfp = GFP_NOWAIT;}
   * {@code gfp |= __GFP_ACCOUNT;}) is read as those flags, so that the may-block rules see them.
   */
  public static Calls calls(Tokens tokens, int from, int to, Names names) {
    return calls(tokens, from, to, names, FlagLocals.read(tokens, from, to));
  }

  /** The same, with what the range's locals hold read already. */
  static Calls calls(Tokens tokens, int from, int to, Names names, FlagLocals locals) {
    Calls.Builder out = new Calls.Builder();
    Blocks blocks = new Blocks(tokens, from, to);
    Map<String, String> flags = locals.allocation();
    NonBlockingBranches quiet = null;
    for (int i = from; i < to - 1; i++) {
      if (!tokens.isIdentifier(i) || !tokens.is(i + 1, "(") || NOT_CALLS.contains(tokens.text(i))) {
        continue;
      }
      if (i > from && (tokens.is(i - 1, ".") || tokens.is(i - 1, "->"))) {
        continue; // ops->fn(...): an indirect call, read by indirectCalls
      }
      if (NonBlockingBranches.isTest(tokens.text(i))) {
        quiet = quiet == null ? new NonBlockingBranches() : quiet;
        quiet.addTest(tokens, i, to);
      }
      int close = closing(tokens, i + 1, to);
      out.add(names.of(tokens.text(i)), tokens.line(i), close + 1, blocks.endLine(i));
      appendArgs(out.argText(), tokens, i + 2, close, quiet == null ? flags : quiet.flagsAt(i, flags));
    }
    return out.build();
  }

  /** The block structure of a range of tokens: for each token, its innermost block and where that ends. */
  static final class Blocks {
    private final int[] blockOf;
    private final int[] endLine;
    private final int from;

    Blocks(Tokens tokens, int from, int to) {
      this.from = from;
      int n = to - from;
      blockOf = new int[n];
      endLine = new int[n + 1];
      int[] stack = new int[64];
      int depth = 0;
      stack[0] = n; // the range itself: a block that ends at the last token
      endLine[n] = to > from ? tokens.line(to - 1) : 0;
      for (int i = from; i < to; i++) {
        String t = tokens.text(i);
        int k = i - from;
        if (t.equals("}") && depth > 0) {
          endLine[stack[depth]] = tokens.line(i);
          depth--;
        }
        blockOf[k] = stack[depth];
        if (t.equals("{")) {
          if (++depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
          }
          stack[depth] = k;
          endLine[k] = tokens.line(to - 1);
        }
      }
    }

    int endLine(int token) {
      return endLine[blockOf[token - from]];
    }
  }

  /**
   * The calls through a member, {@code dir->i_op->create(...)}: the member called and the
   * expression it is read from ({@code dir->i_op}), between tokens FROM and TO.
   */
  public static List<IndirectCall> indirectCalls(Tokens tokens, int from, int to, Names names) {
    List<IndirectCall> out = new ArrayList<>();
    for (int i = from + 1; i < to - 1; i++) {
      if (!tokens.isIdentifier(i) || !tokens.is(i + 1, "(")) {
        continue;
      }
      if (!tokens.is(i - 1, "->") && !tokens.is(i - 1, ".")) {
        continue;
      }
      String receiver = receiver(tokens, from, i - 1);
      if (receiver != null) {
        out.add(new IndirectCall(names.of(tokens.text(i)), names.of(receiver), tokens.line(i)));
      }
    }
    return out;
  }

  /** The member chain ending before token END ({@code a->b.c}), or null when it is not one. */
  private static String receiver(Tokens tokens, int from, int end) {
    int start = end;
    while (start - 1 >= from && tokens.isIdentifier(start - 1)) {
      start--;
      if (start - 1 >= from && (tokens.is(start - 1, "->") || tokens.is(start - 1, "."))) {
        start--;
      } else {
        break;
      }
    }
    if (start == end || !tokens.isIdentifier(start)) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int k = start; k < end; k++) {
      sb.append(tokens.text(k));
    }
    return sb.toString();
  }

  /** The line of the '}' closing the block that token AT is in. */
  public static int scopeEndLine(Tokens tokens, int at) {
    int depth = 0;
    for (int i = at; i < tokens.size(); i++) {
      String t = tokens.text(i);
      if (t.equals("{")) {
        depth++;
      } else if (t.equals("}") && --depth < 0) {
        return tokens.line(i);
      }
    }
    return tokens.line(tokens.size() - 1);
  }

  /** The last line of the statement or block that starts at token AT. */
  public static int statementEndLine(Tokens tokens, int at) {
    if (at >= tokens.size()) {
      return tokens.line(tokens.size() - 1);
    }
    if (tokens.is(at, "{")) {
      return tokens.line(matching(tokens, at));
    }
    int depth = 0;
    for (int i = at; i < tokens.size(); i++) {
      String t = tokens.text(i);
      if (t.equals("(") || t.equals("{")) {
        depth++;
      } else if (t.equals(")") || t.equals("}")) {
        depth--;
      } else if (t.equals(";") && depth <= 0) {
        return tokens.line(i);
      }
    }
    return tokens.line(tokens.size() - 1);
  }

  /**
   * The token that ends the expression starting at FROM: a ';' or ',' outside its parentheses
   * and brackets, or a closing one it did not open (TO when none comes first).
   */
  static int expressionEnd(Tokens tokens, int from, int to) {
    int depth = 0;
    int k = from;
    for (; k < to; k++) {
      String t = tokens.text(k);
      if (t.equals("(") || t.equals("[")) {
        depth++;
      } else if (t.equals(")") || t.equals("]")) {
        depth--;
      }
      if (depth < 0 || depth == 0 && (t.equals(";") || t.equals(","))) {
        break;
      }
    }
    return k;
  }

  /** The index of the ')' matching the '(' at OPEN (or LIMIT - 1 when unbalanced). */
  public static int closing(Tokens tokens, int open, int limit) {
    int depth = 0;
    for (int i = open; i < limit; i++) {
      String t = tokens.text(i);
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
  public static List<String> args(Tokens tokens, int from, int to) {
    StringBuilder text = new StringBuilder();
    appendArgs(text, tokens, from, to);
    return Call.split(text.toString());
  }

  /** Appends the top-level arguments between FROM and TO to OUT, separated by {@link Call#SEPARATOR}. */
  static void appendArgs(StringBuilder out, Tokens tokens, int from, int to) {
    appendArgs(out, tokens, from, to, Map.of());
  }

  /** The arguments between FROM and TO; one that is a single name of FLAGS is written as its flags. */
  private static void appendArgs(StringBuilder out, Tokens tokens, int from, int to, Map<String, String> flags) {
    int argStart = out.length();
    int argFrom = from;
    int depth = 0;
    for (int i = from; i < to; i++) {
      String t = tokens.text(i);
      if (t.equals("(") || t.equals("[") || t.equals("{")) {
        depth++;
      } else if (t.equals(")") || t.equals("]") || t.equals("}")) {
        depth--;
      } else if (t.equals(",") && depth == 0) {
        asFlags(out, argStart, tokens, argFrom, i, flags);
        out.append(Call.SEPARATOR);
        argStart = out.length();
        argFrom = i + 1;
        continue;
      }
      append(out, argStart, t);
    }
    asFlags(out, argStart, tokens, argFrom, to, flags);
  }

  private static void asFlags(StringBuilder out, int argStart, Tokens tokens, int from, int to, Map<String, String> flags) {
    if (to == from + 1 && !flags.isEmpty()) {
      String value = flags.get(tokens.text(from));
      if (value != null) {
        out.setLength(argStart);
        out.append(value);
      }
    }
  }

  /** Joins tokens with a space only where two words would otherwise run together. */
  static void append(StringBuilder sb, String token) {
    append(sb, 0, token);
  }

  /** {@link #append(StringBuilder, String)} for text that starts at FROM in SB. */
  private static void append(StringBuilder sb, int from, String token) {
    if (sb.length() > from) {
      char last = sb.charAt(sb.length() - 1);
      char first = token.charAt(0);
      if ((Character.isLetterOrDigit(last) || last == '_') && (Character.isLetterOrDigit(first) || first == '_')) {
        sb.append(' ');
      }
    }
    sb.append(token);
  }
}
