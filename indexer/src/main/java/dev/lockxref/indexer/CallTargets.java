package dev.lockxref.indexer;

import dev.lockxref.index.Visibility;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which definition a call by name reaches: the closest by {@link Visibility} (the calling file's
 * own first), then the first by {@link Visibility#tier}. A call of a parameter or local of the
 * caller ({@code set(inode, data)} in inode_insert5) goes through a function pointer and reaches no
 * function of that name. Kept compact: a tree has hundreds of thousands of names.
 */
public final class CallTargets {
  private final List<FunctionFacts> functions;
  /** name -> positions of its definitions in functions, by tier, then as FUNCTIONS lists them (by path) */
  private final Map<String, int[]> byName = new HashMap<>();
  /** position -> the position each of its calls reaches (-1: none); every user asks the same */
  private final int[][] callTargets;

  /** VARIABLE says whether a name is a parameter or local of a function. */
  public CallTargets(List<FunctionFacts> functions, java.util.function.BiPredicate<Definitions.Function, String> variable) {
    this.functions = functions;
    int[] tiers = new int[functions.size()];
    int lastTier = 0;
    for (int i = 0; i < tiers.length; i++) {
      tiers[i] = functions.get(i).tier();
      lastTier = Math.max(lastTier, tiers[i]);
    }
    for (int tier = 0; tier <= lastTier; tier++) {
      for (int i = 0; i < functions.size(); i++) {
        FunctionFacts f = functions.get(i);
        if (tiers[i] != tier) {
          continue;
        }
        int[] known = byName.get(f.function().name());
        if (known == null) {
          byName.put(f.function().name(), new int[] {i});
        } else {
          int[] more = java.util.Arrays.copyOf(known, known.length + 1);
          more[known.length] = i;
          byName.put(f.function().name(), more);
        }
      }
    }
    callTargets = new int[functions.size()][];
    java.util.stream.IntStream.range(0, functions.size()).parallel().forEach(i -> {
      FunctionFacts f = functions.get(i);
      int[] out = new int[f.calls().size()];
      for (int k = 0; k < out.length; k++) {
        String callee = f.calls().get(k).callee();
        int reached = positionOf(callee, f.function().path());
        out[k] = reached >= 0 && variable.test(f.function(), callee) ? -1 : reached;
      }
      callTargets[i] = out;
    });
  }

  /** The position of the function the CALL-th call of the function at POSITION reaches, or -1. */
  public int target(int position, int call) {
    return callTargets[position][call];
  }

  /** How many calls the function at POSITION makes. */
  public int callCount(int position) {
    return callTargets[position].length;
  }

  /** The position of the function NAME as called from FILE ({@link Visibility}), or -1. */
  public int positionOf(String name, String file) {
    int[] defined = byName.get(name);
    if (defined == null) {
      return -1;
    }
    // DEFINED is in order, by tier and then by path: the first of the closest rank wins
    int best = -1;
    int bestRank = Integer.MAX_VALUE;
    for (int i : defined) {
      Definitions.Function f = functions.get(i).function();
      int rank = Visibility.rank(file, f.path(), f.fileScope());
      if (rank >= 0 && rank < bestRank) {
        best = i;
        bestRank = rank;
      }
    }
    return best;
  }

  public FunctionFacts at(int position) {
    return functions.get(position);
  }

  public int size() {
    return functions.size();
  }
}
