package dev.lockxref.indexer;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which definition a call by name reaches: the calling file's own function of that name first
 * (static functions), then a function of that name visible from everywhere.
 */
public final class CallTargets {
  private final List<FunctionFacts> functions;
  /** name -> file -> position in functions */
  private final Map<String, Map<String, Integer>> byName = new HashMap<>();
  private final Map<String, Integer> global = new HashMap<>();
  private final Map<FunctionFacts, Integer> positions = new IdentityHashMap<>();

  public CallTargets(List<FunctionFacts> functions) {
    this.functions = functions;
    // functions before macros: a name that is both (mutex_lock) is called as the function
    for (boolean macros : new boolean[] {false, true}) {
      for (int i = 0; i < functions.size(); i++) {
        FunctionFacts f = functions.get(i);
        if (f.function().macro() != macros) {
          continue;
        }
        positions.put(f, i);
        byName.computeIfAbsent(f.function().name(), k -> new HashMap<>(2)).putIfAbsent(f.function().path(), i);
        if (!f.function().fileScope()) {
          global.putIfAbsent(f.function().name(), i);
        }
      }
    }
  }

  /** The position of the function NAME as called from FILE, or -1. */
  public int positionOf(String name, String file) {
    Map<String, Integer> defined = byName.get(name);
    if (defined == null) {
      return -1;
    }
    Integer own = defined.get(file);
    if (own != null) {
      return own;
    }
    Integer any = global.get(name);
    return any == null ? -1 : any;
  }

  /** The function NAME as called from FILE, or null. */
  public FunctionFacts of(String name, String file) {
    int i = positionOf(name, file);
    return i < 0 ? null : functions.get(i);
  }

  public int positionOf(FunctionFacts f) {
    return positions.get(f);
  }

  public FunctionFacts at(int position) {
    return functions.get(position);
  }

  public int size() {
    return functions.size();
  }
}
