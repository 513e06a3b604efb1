package dev.lockxref.indexer;

import java.util.List;

/**
 * What one function body contains, before lock identities are decided.
 *
 * @param function the definition
 * @param calls every call in the body, in order
 * @param guards the guard()/scoped_guard() uses in the body
 * @param addressOf locals given an address in the body ({@code m1 = &d->d_sb->s_vfs_rename_mutex}): name to expression
 * @param indirectCalls the calls through members ({@code dir->i_op->create(...)}), in order
 * @param branches the body's if statements that matter to its locks
 * @param annotations the sparse annotations between its name and its body ({@code __releases(&ip->i_flags_lock)})
 * @param flagLocals locals set to upper-case flags alone and passed whole to a call: name to every flag
 *     they may hold, "A | B" ({@link FlagLocals#alternatives})
 * @param addressesReturned every address it returns when each return gives one, as a lock accessor
 *     does ({@code qdisc_lock} returns {@code &qdisc->q.lock}); else empty
 * @param macroParameters a function-like macro's parameters, in order; empty for a function
 */
public record FunctionFacts(Definitions.Function function, Calls calls, List<GuardUse> guards,
    java.util.Map<String, String> addressOf, List<IndirectCall> indirectCalls, Branches branches,
    List<Annotation> annotations, java.util.Map<String, String> flagLocals, List<String> addressesReturned,
    List<String> macroParameters) {
  /**
   * A lock the function says it leaves taken or dropped for its caller.
   *
   * @param acquires true for {@code __acquires(X)}, false for {@code __releases(X)}
   * @param expression X as written
   */
  public record Annotation(boolean acquires, String expression) {}

  /** Its place among equally close definitions of its name ({@link dev.lockxref.index.Visibility#tier}). */
  public int tier() {
    return dev.lockxref.index.Visibility.tier(function.path(), function.macro(), calls.isEmpty() && indirectCalls.isEmpty());
  }

  /**
   * A {@code guard(CLASS)(ARGS)} or {@code scoped_guard(CLASS, ARGS) { ... }}.
   *
   * @param guardClass the class, e.g. mutex, spinlock_irqsave, rcu
   * @param args the lock arguments
   * @param line where it is
   * @param scoped true for scoped_guard (held for its block), false for guard (held to the end of the scope)
   * @param endLine the last line where the lock is held: the end of the enclosing scope or of the scoped block
   */
  public record GuardUse(String guardClass, List<String> args, int line, boolean scoped, int endLine) {}
}
