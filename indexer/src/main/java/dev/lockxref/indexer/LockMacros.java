package dev.lockxref.indexer;

import dev.lockxref.index.Primitive;
import dev.lockxref.index.Primitives;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Function-like macros whose body is one lock operation on their parameters:
 * {@code #define xa_lock_irq(xa) spin_lock_irq(&(xa)->xa_lock)}, and macros of those
 * ({@code #define xas_lock_irq(xas) xa_lock_irq((xas)->xa)}). Their own sites have no types to
 * resolve; a call of one is that operation on the lock its arguments give
 * ({@code xa_lock_irq(&mapping->i_pages)} takes {@code struct address_space.i_pages.xa_lock}).
 */
final class LockMacros {
  /** How many macros deep one may stand on others */
  private static final int MAX_DEPTH = 3;

  /**
   * One such macro.
   *
   * @param primitive the primitive its body comes down to
   * @param parameters its parameters, in order
   * @param lock the primitive's lock argument, in terms of the parameters
   */
  record LockMacro(String primitive, List<String> parameters, String lock) {
    /** The lock expression of a call of this macro with ARGS, or null when their number does not fit. */
    String lockFor(List<String> args) {
      return args.size() == parameters.size() ? LockAccessors.substitute(lock, parameters, args) : null;
    }
  }

  private final Map<String, List<LockMacro>> byName = new HashMap<>();

  /** The lock macros among the macros of TARGETS. */
  static LockMacros of(CallTargets targets, Primitives primitives) {
    LockMacros out = new LockMacros();
    List<FunctionFacts> macros = new ArrayList<>();
    for (int n = 0; n < targets.size(); n++) {
      FunctionFacts f = targets.at(n);
      if (f.function().macro() && !f.macroParameters().isEmpty()) {
        macros.add(f);
      }
    }
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      Map<String, List<LockMacro>> found = new HashMap<>();
      for (FunctionFacts f : macros) {
        LockMacro m = out.byName.containsKey(f.function().name()) ? null : out.read(f, primitives);
        if (m != null) {
          found.computeIfAbsent(f.function().name(), k -> new ArrayList<>(1)).add(m);
        }
      }
      if (found.isEmpty()) {
        break;
      }
      out.byName.putAll(found);
    }
    return out;
  }

  List<LockMacro> named(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** What macro F is, its body's one lock operation read through the lock macros known so far; or null. */
  private LockMacro read(FunctionFacts f, Primitives primitives) {
    Call only = null;
    for (Call c : f.calls()) {
      if (primitives.get(c.callee()) != null || byName.containsKey(c.callee())) {
        if (only != null) {
          return null;
        }
        only = c;
      }
    }
    if (only == null) {
      return null;
    }
    String primitive;
    String lock;
    Primitive p = primitives.get(only.callee());
    if (p != null) {
      primitive = only.callee();
      lock = only.args().size() > p.lockArgument() ? only.args().get(p.lockArgument()) : null;
    } else {
      LockMacro inner = fitting(named(only.callee()), only.args());
      primitive = inner == null ? null : inner.primitive();
      lock = inner == null ? null : inner.lockFor(only.args());
    }
    List<String> parameters = f.macroParameters();
    return lock == null || !names(lock, parameters) ? null : new LockMacro(primitive, parameters, lock); // a global's: the macro's own site says it
  }

  /** The one of MACROS that takes ARGS' number of arguments, or null. */
  static LockMacro fitting(List<LockMacro> macros, List<String> args) {
    for (LockMacro m : macros) {
      if (m.parameters().size() == args.size()) {
        return m;
      }
    }
    return null;
  }

  /** Whether EXPRESSION names one of PARAMETERS. */
  private static boolean names(String expression, List<String> parameters) {
    Tokens t = CLexer.tokens(expression);
    for (int i = 0; i < t.size(); i++) {
      if (t.isIdentifier(i) && parameters.contains(t.text(i))) {
        return true;
      }
    }
    return false;
  }
}
