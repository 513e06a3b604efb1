package dev.lockxref.indexer;

import dev.lockxref.index.Primitive;
import dev.lockxref.index.Primitives;
import java.util.ArrayList;
import java.util.List;

/**
 * A function-like macro whose body is one lock operation on its parameters:
 * {@code #define xa_lock_irq(xa) spin_lock_irq(&(xa)->xa_lock)}. Its own site has no types to
 * resolve; a call of it is that operation on the lock its arguments give
 * ({@code xa_lock_irq(&mapping->i_pages)} takes {@code struct address_space.i_pages.xa_lock}).
 *
 * @param primitive the primitive the body calls
 * @param parameters the macro's parameters, in order
 * @param lock the primitive's lock argument, in terms of the parameters
 */
public record LockMacro(String primitive, List<String> parameters, String lock) {
  /** The lock macro a macro with PARAMETERS (as written) and body CALLS is, or null. */
  static LockMacro of(String parameters, Calls calls, Primitives primitives) {
    Call only = null;
    for (Call c : calls) {
      if (primitives.get(c.callee()) != null) {
        if (only != null) {
          return null;
        }
        only = c;
      }
    }
    if (only == null) {
      return null;
    }
    Primitive p = primitives.get(only.callee());
    List<String> names = new ArrayList<>();
    for (String name : parameters.split(",")) {
      if (!name.isBlank()) {
        names.add(name.strip());
      }
    }
    if (only.args().size() <= p.lockArgument()) {
      return null;
    }
    String lock = only.args().get(p.lockArgument());
    Tokens t = CLexer.tokens(lock);
    for (int i = 0; i < t.size(); i++) {
      if (t.isIdentifier(i) && names.contains(t.text(i))) {
        return new LockMacro(only.callee(), List.copyOf(names), lock);
      }
    }
    return null; // a global's: the macro's own site says it
  }

  /** The lock expression of a call of this macro with ARGS, or null when their number does not fit. */
  String lockFor(List<String> args) {
    return args.size() == parameters.size() ? LockAccessors.substitute(lock, parameters, args) : null;
  }
}
