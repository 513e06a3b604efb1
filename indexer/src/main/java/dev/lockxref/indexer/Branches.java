package dev.lockxref.indexer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The if statements of a function body that matter to its locks, as line ranges: those with an
 * else-branch (a lock taken in the then-branch does not cover it), and, in bodies that call lock
 * primitives, those whose condition tests one name against upper-case flags
 * ({@code if (lock_flags & XFS_IOLOCK_EXCL)}): they decide which lock a flag-chosen wrapper takes;
 * and in those bodies too, those whose then-branch ends in a return.
 */
public final class Branches {
  static final Branches NONE = new Branches(new int[0], new String[0][], new int[0]);

  private static final int THEN_FIRST = 0;
  private static final int THEN_LAST = 1;
  private static final int ELSE_FIRST = 2;
  private static final int ELSE_LAST = 3;
  /** The last line of the block the if statement is in */
  private static final int BLOCK_LAST = 4;
  /** 1 when the else-branch is another if ({@code else if}) */
  private static final int ELSE_IF = 5;
  /** 1 when the then-branch ends in a return ({@code if (p1 == p2) { inode_lock_nested(...); return NULL; }}) */
  private static final int THEN_RETURNS = 6;
  private static final int WIDTH = 7;
  /** Statements nested deeper than this are not followed (a body this deep is not worth reading). */
  private static final int MAX_DEPTH = 200;

  /**
   * WIDTH ints a branch: then-branch lines, else-branch lines (0 when there is none), for one with
   * an else its block's end, whether the else is an if, and whether the then-branch returns
   */
  private final int[] lines;
  /** Per branch: the tested name and then its flags, or null when the condition is no flag test */
  private final String[][] tests;
  /** The lines of the body's labels, in order: a goto may come in there from anywhere */
  private final int[] labels;

  private Branches(int[] lines, String[][] tests, int[] labels) {
    this.lines = lines;
    this.tests = tests;
    this.labels = labels;
  }

  /** The if statements between tokens FROM and TO (a body without its braces); flag tests only WITH_FLAG_TESTS. */
  public static Branches of(Tokens tokens, int from, int to, Names names, boolean withFlagTests) {
    if (!withFlagTests && !hasElse(tokens, from, to)) {
      return NONE; // most bodies: nothing here matters to their locks
    }
    List<int[]> found = new ArrayList<>();
    List<String[]> tested = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    BodyScanner.Blocks blocks = null;
    for (int i = from; i < to - 1; i++) {
      if (isLabel(tokens, i, from)) {
        labels.add(tokens.line(i));
      }
      if (!tokens.is(i, "if") || !tokens.is(i + 1, "(")) {
        continue;
      }
      int close = BodyScanner.closing(tokens, i + 1, to);
      int thenEnd = statementEnd(tokens, close + 1, to, 0);
      if (thenEnd < 0 || close + 1 > thenEnd) {
        continue;
      }
      int[] branch = {tokens.line(close + 1), tokens.line(thenEnd), 0, 0, 0, 0, endsInReturn(tokens, close + 1, thenEnd) ? 1 : 0};
      if (thenEnd + 1 < to && tokens.is(thenEnd + 1, "else")) {
        int elseEnd = statementEnd(tokens, thenEnd + 2, to, 0);
        if (elseEnd >= thenEnd + 2) {
          branch[ELSE_FIRST] = tokens.line(thenEnd + 2);
          branch[ELSE_LAST] = tokens.line(elseEnd);
          branch[ELSE_IF] = tokens.is(thenEnd + 2, "if") ? 1 : 0;
          if (blocks == null) {
            blocks = new BodyScanner.Blocks(tokens, from, to);
          }
          branch[BLOCK_LAST] = blocks.endLine(i);
        }
      }
      String[] test = withFlagTests ? flagTest(tokens, i + 2, close, names) : null;
      if (branch[ELSE_FIRST] != 0 || test != null || branch[THEN_RETURNS] != 0 && withFlagTests) {
        found.add(branch);
        tested.add(test);
      }
    }
    if (found.isEmpty()) {
      return NONE;
    }
    int[] lines = new int[found.size() * WIDTH];
    for (int b = 0; b < found.size(); b++) {
      System.arraycopy(found.get(b), 0, lines, b * WIDTH, WIDTH);
    }
    return new Branches(lines, tested.toArray(new String[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Whether the statement from token FROM to LAST (a block or one statement) ends in a return. */
  private static boolean endsInReturn(Tokens tokens, int from, int last) {
    if (!tokens.is(from, "{")) {
      return tokens.is(from, "return");
    }
    if (last - 1 <= from || !tokens.is(last - 1, ";")) {
      return false;
    }
    int depth = 0;
    for (int k = last - 2; k > from; k--) {
      String t = tokens.text(k);
      if (t.equals(")") || t.equals("]") || t.equals("}")) {
        depth++;
      } else if (t.equals("(") || t.equals("[") || t.equals("{")) {
        depth--;
      }
      if (depth == 0 && (t.equals(";") || t.equals("{") || t.equals("}"))) {
        return tokens.is(k + 1, "return");
      }
      if (depth < 0) {
        return tokens.is(k + 1, "return");
      }
    }
    return tokens.is(from + 1, "return");
  }

  private static boolean hasElse(Tokens tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      if (tokens.is(i, "else")) {
        return true;
      }
    }
    return false;
  }

  /** {@code out_unlock:} at the start of a statement (not {@code case X:}, {@code default:} or {@code a ? b : c}). */
  private static boolean isLabel(Tokens tokens, int i, int from) {
    if (!tokens.isIdentifier(i) || !tokens.is(i + 1, ":") || tokens.is(i, "default")) {
      return false;
    }
    return i == from || tokens.is(i - 1, ";") || tokens.is(i - 1, "{") || tokens.is(i - 1, "}");
  }

  /**
   * The lines after each if statement whose every branch passes a line that RELEASES says ends its
   * block there (a release at the top level of the branch), up to the end of the if's own block or
   * the next label, whichever comes first: on that stretch the lock is not held. RELEASES holds
   * {line, last line of its block} pairs.
   */
  public List<int[]> afterReleasedOnAllPaths(List<int[]> releases) {
    List<int[]> out = new ArrayList<>();
    for (int b = 0; b < tests.length; b++) {
      if (lines[b * WIDTH + ELSE_FIRST] == 0 || !releasedOnAllPaths(b, releases, 0)) {
        continue;
      }
      int end = lines[b * WIDTH + ELSE_LAST];
      int last = lines[b * WIDTH + BLOCK_LAST];
      int label = labelAfter(end);
      if (label > 0) {
        last = Math.min(last, label - 1);
      }
      if (last > end) {
        out.add(new int[] {end + 1, last});
      }
    }
    return out;
  }

  private boolean releasedOnAllPaths(int b, List<int[]> releases, int depth) {
    int at = b * WIDTH;
    if (lines[at + ELSE_FIRST] == 0 || depth > MAX_DEPTH
        || !releasedAtTop(lines[at + THEN_FIRST], lines[at + THEN_LAST], lines[at + BLOCK_LAST], releases)) {
      return false;
    }
    if (lines[at + ELSE_IF] == 0) {
      return releasedAtTop(lines[at + ELSE_FIRST], lines[at + ELSE_LAST], lines[at + BLOCK_LAST], releases);
    }
    for (int inner = 0; inner < tests.length; inner++) {
      if (inner != b && lines[inner * WIDTH + THEN_FIRST] >= lines[at + ELSE_FIRST]
          && lines[inner * WIDTH + ELSE_LAST] == lines[at + ELSE_LAST]) {
        return releasedOnAllPaths(inner, releases, depth + 1);
      }
    }
    return false;
  }

  /** A release between FIRST and LAST in the branch's own block (braced: ends at LAST; a lone statement: the if's block). */
  private static boolean releasedAtTop(int first, int last, int ifBlockLast, List<int[]> releases) {
    for (int[] r : releases) {
      if (r[0] >= first && r[0] <= last && (r[1] == last || r[1] == ifBlockLast)) {
        return true;
      }
    }
    return false;
  }

  /** The line of the first label after LINE, or 0. */
  private int labelAfter(int line) {
    for (int l : labels) {
      if (l > line) {
        return l;
      }
    }
    return 0;
  }

  /**
   * The flags the innermost flag-testing then-branch around LINE tests, the tested name first
   * ({@code lock_flags, XFS_IOLOCK_EXCL}), or null when LINE is in none.
   */
  public String[] flagTestAt(int line) {
    int best = innermostThen(line, b -> tests[b] != null);
    return best < 0 ? null : tests[best];
  }

  /**
   * The lines of the else-branch of the innermost then-branch with one around LINE, {first, last},
   * or null: code there never runs after LINE in the same pass through the if.
   */
  public int[] elseOf(int line) {
    int best = innermostThen(line, b -> lines[b * WIDTH + ELSE_FIRST] != 0);
    if (best < 0) {
      return null;
    }
    int first = lines[best * WIDTH + ELSE_FIRST];
    int last = lines[best * WIDTH + ELSE_LAST];
    // "} else {" on the then-branch's last line: the else-branch starts after it
    return first > line ? new int[] {first, last} : (last > line ? new int[] {line + 1, last} : null);
  }

  /**
   * The last line of the innermost then-branch around LINE that ends in a return, or 0: on the
   * path through LINE, nothing after it runs ({@code lock_rename} takes one directory's rwsem and
   * returns when both are the same).
   */
  public int returningThenEnd(int line) {
    int best = innermostThen(line, b -> lines[b * WIDTH + THEN_RETURNS] != 0);
    return best < 0 ? 0 : lines[best * WIDTH + THEN_LAST];
  }

  /** The branch with the narrowest then-branch around LINE among those WHICH accepts, or -1. */
  private int innermostThen(int line, java.util.function.IntPredicate which) {
    int best = -1;
    for (int b = 0; b < tests.length; b++) {
      if (which.test(b) && inThen(b, line) && (best < 0 || span(b) < span(best))) {
        best = b;
      }
    }
    return best;
  }

  private boolean inThen(int b, int line) {
    return line >= lines[b * WIDTH + THEN_FIRST] && line <= lines[b * WIDTH + THEN_LAST];
  }

  private int span(int b) {
    return lines[b * WIDTH + THEN_LAST] - lines[b * WIDTH + THEN_FIRST];
  }

  /**
   * The tokens of a condition FROM..TO that test one lower-case name against upper-case flags
   * ({@code flags & (A | B)}): {name, A, B}; null for any other condition.
   */
  private static String[] flagTest(Tokens tokens, int from, int to, Names names) {
    String name = null;
    List<String> flags = new ArrayList<>();
    boolean and = false;
    for (int i = from; i < to; i++) {
      String t = tokens.text(i);
      if (t.equals("&")) {
        and = true;
      } else if (tokens.isIdentifier(i)) {
        if (isFlag(t)) {
          flags.add(names.of(t));
        } else if (name == null) {
          name = t;
        } else {
          return null;
        }
      } else if (!t.equals("|") && !t.equals("(") && !t.equals(")")) {
        return null;
      }
    }
    if (!and || name == null || flags.isEmpty()) {
      return null;
    }
    String[] out = new String[flags.size() + 1];
    out[0] = names.of(name);
    for (int k = 0; k < flags.size(); k++) {
      out[k + 1] = flags.get(k);
    }
    return out;
  }

  /** An upper-case name with a letter in it ({@code XFS_IOLOCK_EXCL}). */
  static boolean isFlag(String word) {
    boolean letter = false;
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      if (c >= 'a' && c <= 'z') {
        return false;
      }
      letter |= c >= 'A' && c <= 'Z';
    }
    return letter;
  }

  /** The last token of the statement that starts at token AT, or -1 when it cannot be told. */
  static int statementEnd(Tokens tokens, int at, int to, int depth) {
    if (at >= to || depth > MAX_DEPTH) {
      return -1;
    }
    String t = tokens.text(at);
    switch (t) {
      case "{" -> {
        int end = BodyScanner.matching(tokens, at);
        return end < to ? end : -1;
      }
      case "if" -> {
        if (!tokens.is(at + 1, "(")) {
          return -1;
        }
        int then = statementEnd(tokens, BodyScanner.closing(tokens, at + 1, to) + 1, to, depth + 1);
        if (then >= 0 && then + 1 < to && tokens.is(then + 1, "else")) {
          return statementEnd(tokens, then + 2, to, depth + 1);
        }
        return then;
      }
      case "for", "while", "switch" -> {
        if (!tokens.is(at + 1, "(")) {
          return -1;
        }
        return statementEnd(tokens, BodyScanner.closing(tokens, at + 1, to) + 1, to, depth + 1);
      }
      case "do" -> {
        int body = statementEnd(tokens, at + 1, to, depth + 1);
        return body < 0 ? -1 : statementEnd(tokens, body + 1, to, depth + 1);
      }
      default -> {
        int nesting = 0;
        for (int i = at; i < to; i++) {
          String s = tokens.text(i);
          if (s.equals("(") || s.equals("[") || s.equals("{")) {
            nesting++;
          } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
            if (--nesting < 0) {
              return -1;
            }
          } else if (s.equals(";") && nesting == 0) {
            return i;
          }
        }
        return -1;
      }
    }
  }

  @Override
  public String toString() {
    return "Branches" + Arrays.toString(lines);
  }
}
