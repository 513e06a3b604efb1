package dev.lockxref.indexer;

import dev.lockxref.index.BlockingRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The branches of a body where an allocation flags variable is known not to allow sleeping: the
 * else of {@code if (gfpflags_allow_blocking(gfp))}, the then of {@code if
 * (!gfpflags_allow_blocking(gfp))}. An allocation there with those flags does not wait:
 * {@code __xas_nomem} drops the xarray's lock to allocate with flags that may sleep, and
 * allocates holding it only in the other branch. The tests are {@code sleeping-test} lines of
 * blocking.txt.
 */
final class NonBlockingBranches {
  private static final Set<String> TESTS = BlockingRules.standard().sleepingTests();
  /** What the flags are read as in such a branch: flags that do not sleep */
  private static final String NOT_SLEEPING = "GFP_NOWAIT";

  private final List<int[]> ranges = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  /** Whether a call of NAME may be such a test. */
  static boolean isTest(String name) {
    return TESTS.contains(name);
  }

  /**
   * Notes the branch the test called at token CALL decides, when that call is the whole condition
   * of an if ({@code if (!test(name))}); TO ends the body.
   */
  void addTest(Tokens tokens, int call, int to) {
    int at = call - 1;
    boolean negated = tokens.is(at, "!");
    if (negated) {
      at--;
    }
    if (at < 1 || !tokens.is(at, "(") || !tokens.is(at - 1, "if") || !tokens.isIdentifier(call + 2)
        || !tokens.is(call + 1, "(") || !tokens.is(call + 3, ")") || !tokens.is(call + 4, ")")) {
      return;
    }
    int thenEnd = Branches.statementEnd(tokens, call + 5, to, 0);
    if (thenEnd < 0) {
      return;
    }
    if (negated) {
      add(call + 5, thenEnd, tokens.text(call + 2));
    } else if (thenEnd + 1 < to && tokens.is(thenEnd + 1, "else")) {
      int elseEnd = Branches.statementEnd(tokens, thenEnd + 2, to, 0);
      if (elseEnd >= 0) {
        add(thenEnd + 2, elseEnd, tokens.text(call + 2));
      }
    }
  }

  private void add(int from, int to, String name) {
    ranges.add(new int[] {from, to});
    names.add(name);
  }

  /** FLAGS, with the variables known not to allow sleeping at token AT read as flags that do not sleep. */
  Map<String, String> flagsAt(int at, Map<String, String> flags) {
    Map<String, String> out = flags;
    for (int r = 0; r < ranges.size(); r++) {
      if (at >= ranges.get(r)[0] && at <= ranges.get(r)[1]) {
        if (out == flags) {
          out = new HashMap<>(flags);
        }
        out.put(names.get(r), NOT_SLEEPING);
      }
    }
    return out;
  }
}
