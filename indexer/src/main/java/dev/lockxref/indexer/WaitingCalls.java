package dev.lockxref.indexer;

import dev.lockxref.index.BlockingRules;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.Primitive;
import dev.lockxref.index.Primitives;
import java.util.List;

/** Decides whether one call waits by itself: a waiting primitive, a sleeping lock acquire, a sleeping allocation. */
public final class WaitingCalls {
  private final Primitives primitives;
  private final BlockingRules rules;
  /** Wrappers whose caller's flags choose the lock they take ({@code xfs_ilock}): their bodies take any of them. */
  private final java.util.Set<String> chosenByFlags;

  /**
   * A call that waits.
   *
   * @param kind the kind of waiting
   * @param evidence the call as people read it: {@code io_schedule()}, {@code kmalloc(GFP_KERNEL)},
   *     {@code mutex_lock(struct inode.i_rwsem)}
   */
  public record Waiting(String kind, String evidence) {}

  public WaitingCalls(Primitives primitives, BlockingRules rules) {
    this(primitives, rules, java.util.Set.of());
  }

  /**
   * With the names of the wrappers whose flags choose their lock: a call of one waits for the lock its
   * site at that call names, not for whichever lock of its body a search down would meet first.
   */
  public WaitingCalls(Primitives primitives, BlockingRules rules, java.util.Set<String> chosenByFlags) {
    this.primitives = primitives;
    this.rules = rules;
    this.chosenByFlags = chosenByFlags;
  }

  /** What call C in a function whose lock sites are SITES waits on, or null. */
  public Waiting of(Call c, List<LockSiteFinder.KeyedSite> sites) {
    Primitive p = primitives.get(c.callee());
    if (p != null) {
      String kind = rules.waitKindOfCall(c.callee(), p);
      return kind == null ? null : new Waiting(kind, c.callee() + "(" + lockAt(c, sites) + ")");
    }
    if (chosenByFlags.contains(c.callee())) {
      LockSite s = siteAt(c, sites);
      if (s != null && s.operation().equals("acquire") && rules.sleepingLock(s.kind())) {
        return new Waiting("lock", c.callee() + "(" + s.identity() + ")");
      }
    }
    String kind = rules.waitKind(c.callee());
    if (kind != null && !atomic(c)) {
      // the allocator itself (__alloc_pages) waits for memory unless its flags say it may not
      return new Waiting(kind, c.callee() + "()");
    }
    if (c.argsContain("GFP_")) {
      String flag = rules.sleepingAllocation(c.callee(), c.args());
      if (flag != null) {
        return new Waiting("memory", c.callee() + "(" + flag + ")");
      }
    }
    return null;
  }

  /**
   * Whether NAME is a lock primitive that waits only as its kind says, whatever its body reaches
   * (the PREEMPT_RT {@code read_unlock} is a function that can reach a wait for completion); a page
   * or buffer lock's acquire waits as its body does.
   */
  public boolean waitsAsItsKindSays(String name) {
    Primitive p = primitives.get(name);
    return p != null && !(p.operation().equals("acquire") && rules.waitsAsItsBody(p.kind()));
  }

  /** Whether C passes allocation flags that forbid sleeping: its callee's waits do not count for it. */
  public boolean atomic(Call c) {
    return c.argsContain("GFP_") && rules.atomicAllocation(c.args());
  }

  /** The identity of the lock site at C's line, or its argument as written. */
  private static String lockAt(Call c, List<LockSiteFinder.KeyedSite> sites) {
    LockSite s = siteAt(c, sites);
    if (s != null) {
      return s.identity();
    }
    List<String> args = c.args();
    return args.isEmpty() ? "" : args.get(0);
  }

  /** Whether NAME is a wrapper whose caller's flags choose the lock it takes. */
  public boolean choosesByFlags(String name) {
    return chosenByFlags.contains(name);
  }

  /** The lock site call C makes (a primitive's, or a wrapper's through it), or null. */
  private static LockSite siteAt(Call c, List<LockSiteFinder.KeyedSite> sites) {
    for (LockSiteFinder.KeyedSite k : sites) {
      LockSite s = k.site();
      if (s.line() == c.line() && s.primitive().equals(c.callee())) {
        return s;
      }
    }
    return null;
  }
}
