package dev.lockxref.indexer;

import dev.lockxref.index.Primitives;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The calls a function's document lists, for callers and callees. Needs only the primitives and
 * guard classes, so the tree's definitions can be let go before the index is written.
 */
final class CallEdges {
  private final Primitives primitives;
  private final Map<String, FileScanner.GuardClass> guardClasses;

  CallEdges(Primitives primitives, Map<String, FileScanner.GuardClass> guardClasses) {
    this.primitives = primitives;
    this.guardClasses = guardClasses;
  }

  /**
   * The calls F's function document lists (callers and callees): every call but lock primitives,
   * lock initialisers and guard() itself; a guard's lock function stands for the guard.
   */
  List<CallEdge> of(FunctionFacts f) {
    String file = f.function().path();
    String fn = f.function().name();
    List<CallEdge> out = new ArrayList<>(f.calls().size());
    for (Call c : f.calls()) {
      String callee = c.callee();
      if (f.function().macro() || primitives.get(callee) == null && !LockSiteFinder.INIT.contains(callee)
          && !LockSiteFinder.SET_CLASS.contains(callee)
          && !callee.equals("guard") && !callee.equals("scoped_guard")) {
        out.add(new CallEdge(file, c.line(), fn, callee));
      }
    }
    for (FunctionFacts.GuardUse g : f.guards()) {
      FileScanner.GuardClass cls = guardClasses.get(g.guardClass());
      if (cls != null && cls.lockFunction() != null && (cls.noArgument() || g.args().isEmpty() || primitives.get(cls.lockFunction()) == null)) {
        out.add(new CallEdge(file, g.line(), fn, cls.lockFunction()));
      }
    }
    return out;
  }
}
