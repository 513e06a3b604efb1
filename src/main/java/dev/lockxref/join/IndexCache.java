package dev.lockxref.join;

import dev.lockxref.index.BlockingChains;
import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index lookups of joins, remembered: thousands of tasks ask about the same few functions, and
 * a server joins capture after capture with the same index. Thread-safe. Definitions and calls
 * are those the join's evidence chains remember too.
 */
final class IndexCache {
  private final LockIndex index;
  private final BlockingChains chains;
  private final Map<String, List<LockSite>> sitesIn = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<LockIndex.HeldSite>>> heldByFunction = new ConcurrentHashMap<>();
  private final Map<String, java.util.Set<String>> regionFiles = new ConcurrentHashMap<>();
  private final Map<LockIndex.FunctionRef, Map<LockIndex.FunctionRef, Integer>> inlinable = new ConcurrentHashMap<>();
  private final Map<String, Map<String, LockIndex.FunctionRef>> staticFunctions = new ConcurrentHashMap<>();

  /** Stands for "some header" in {@link #regionFiles}. */
  static final String HEADERS = "*.h";

  IndexCache(LockIndex index, BlockingChains chains) {
    this.index = index;
    this.chains = chains;
  }

  LockIndex index() {
    return index;
  }

  /** The definition a call of NAME from FILE reaches (FILE null: any). */
  LockIndex.FunctionRef definition(String name, String file) {
    return chains.at(name, file);
  }

  List<LockIndex.Edge> callsOf(LockIndex.FunctionRef f) {
    return chains.callsOf(f);
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

  /** The files with a bounded held region of IDENTITY (HEADERS when a header has one). */
  java.util.Set<String> regionFiles(String identity) {
    return regionFiles.computeIfAbsent(identity, id -> {
      java.util.Set<String> out = new java.util.HashSet<>();
      for (List<LockIndex.HeldSite> list : heldByFunction(id).values()) {
        for (LockIndex.HeldSite h : list) {
          if (h.region().bounded()) {
            out.add(h.site().file());
            if (h.site().file().endsWith(".h")) {
              out.add(HEADERS);
            }
          }
        }
      }
      return out;
    });
  }

  /**
   * The functions F calls that the compiler may have inlined into it (static functions of its own
   * file), down to DEPTH levels, with their depth.
   */
  Map<LockIndex.FunctionRef, Integer> inlinable(LockIndex.FunctionRef f, int depth) {
    Map<LockIndex.FunctionRef, Integer> known = inlinable.get(f);
    if (known == null) {
      known = findInlinable(f, depth);
      inlinable.put(f, known);
    }
    return known;
  }

  private Map<LockIndex.FunctionRef, Integer> findInlinable(LockIndex.FunctionRef f, int depth) {
    Map<LockIndex.FunctionRef, Integer> out = new java.util.LinkedHashMap<>();
    List<LockIndex.FunctionRef> level = List.of(f);
    for (int d = 1; d <= depth; d++) {
      List<LockIndex.FunctionRef> next = new java.util.ArrayList<>();
      for (LockIndex.FunctionRef g : level) {
        Map<String, LockIndex.FunctionRef> statics = staticFunctionsOf(g.file());
        for (LockIndex.Edge e : callsOf(g)) {
          LockIndex.FunctionRef h = e.through() == null ? statics.get(e.callee()) : null;
          if (h != null && !h.equals(f) && !out.containsKey(h)) {
            out.put(h, d);
            next.add(h);
          }
        }
      }
      level = next;
    }
    return out;
  }

  /** The static functions of FILE by name: those a call from FILE may have had inlined. */
  private Map<String, LockIndex.FunctionRef> staticFunctionsOf(String file) {
    return staticFunctions.computeIfAbsent(file, k -> {
      Map<String, LockIndex.FunctionRef> out = new HashMap<>();
      for (LockIndex.FunctionRef f : index.functionsIn(k)) {
        if (f.fileScope()) {
          out.putIfAbsent(f.name(), f);
        }
      }
      return out;
    });
  }
}
