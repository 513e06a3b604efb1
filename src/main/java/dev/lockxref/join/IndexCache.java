package dev.lockxref.join;

import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The index lookups of one join, remembered: thousands of tasks ask about the same few functions. */
final class IndexCache {
  private final LockIndex index;
  private final Map<String, Optional<LockIndex.FunctionRef>> definitions = new HashMap<>();
  private final Map<String, List<LockIndex.Edge>> calls = new HashMap<>();
  private final Map<String, List<LockSite>> sitesIn = new HashMap<>();
  private final Map<String, Map<String, List<LockIndex.HeldSite>>> heldByFunction = new HashMap<>();

  IndexCache(LockIndex index) {
    this.index = index;
  }

  LockIndex index() {
    return index;
  }

  /** The definition a call of NAME from FILE reaches (FILE null: any). */
  LockIndex.FunctionRef definition(String name, String file) {
    return definitions.computeIfAbsent(name + "\0" + file, k -> Optional.ofNullable(index.calledFrom(name, file))).orElse(null);
  }

  List<LockIndex.Edge> callsOf(LockIndex.FunctionRef f) {
    return calls.computeIfAbsent(f.name() + "\0" + f.file(), k -> index.callsOf(f));
  }

  /** The lock sites in functions named FUNCTION. */
  List<LockSite> sitesIn(String function) {
    return sitesIn.computeIfAbsent(function, index::sitesInFunction);
  }

  /** The held regions of IDENTITY, by the function they are in. */
  Map<String, List<LockIndex.HeldSite>> heldByFunction(String identity) {
    return heldByFunction.computeIfAbsent(identity, id -> {
      Map<String, List<LockIndex.HeldSite>> out = new HashMap<>();
      for (LockIndex.HeldSite h : index.held(id)) {
        out.computeIfAbsent(h.site().function(), k -> new java.util.ArrayList<>()).add(h);
      }
      return out;
    });
  }

  /**
   * The functions F calls that the compiler may have inlined into it (static functions of its own
   * file and static inline functions of headers), down to DEPTH levels, with their depth.
   */
  Map<LockIndex.FunctionRef, Integer> inlinable(LockIndex.FunctionRef f, int depth) {
    Map<LockIndex.FunctionRef, Integer> out = new java.util.LinkedHashMap<>();
    List<LockIndex.FunctionRef> level = List.of(f);
    for (int d = 1; d <= depth; d++) {
      List<LockIndex.FunctionRef> next = new java.util.ArrayList<>();
      for (LockIndex.FunctionRef g : level) {
        for (LockIndex.Edge e : callsOf(g)) {
          if (e.through() != null) {
            continue;
          }
          LockIndex.FunctionRef h = definition(e.callee(), g.file());
          if (h != null && !h.equals(f) && !out.containsKey(h)
              && (h.fileScope() && h.file().equals(g.file()) || h.file().endsWith(".h"))) {
            out.put(h, d);
            next.add(h);
          }
        }
      }
      level = next;
    }
    return out;
  }
}
