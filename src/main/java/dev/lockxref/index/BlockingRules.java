package dev.lockxref.index;

import dev.lockxref.DataFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What makes kernel code wait ({@code blocking.txt}): the kinds of waiting and how each is recognised at a call. */
public final class BlockingRules {
  private final Map<String, String> kinds = new LinkedHashMap<>();
  /** waiting functions (and prefixes) to their kind */
  private final NamePatterns<String> waits = new NamePatterns<>();
  private final Set<String> lockKinds = new HashSet<>();
  private final Set<String> bodyWaitKinds = new HashSet<>();
  private final Set<String> sleepingTests = new HashSet<>();
  private final Set<String> anyonesCallbacks = new HashSet<>();
  private final Set<String> neverWaitingMembers = new HashSet<>();
  private final Set<String> sleepingFlags = new HashSet<>();
  private final Set<String> atomicFlags = new HashSet<>();
  private final Set<String> notAllocating = new HashSet<>();
  private final NamePatterns<Boolean> noReturn = new NamePatterns<>();
  private final NamePatterns<Boolean> neverWaits = new NamePatterns<>();

  /** Names, and prefixes written with a trailing *, each with a value; the first prefix given wins. */
  private static final class NamePatterns<V> {
    private final Map<String, V> exact = new HashMap<>();
    private final List<Map.Entry<String, V>> prefixes = new ArrayList<>();

    void put(String pattern, V value) {
      if (pattern.endsWith("*")) {
        prefixes.add(Map.entry(pattern.substring(0, pattern.length() - 1), value));
      } else {
        exact.put(pattern, value);
      }
    }

    /** The value of NAME, or null when no pattern matches it. */
    V get(String name) {
      V v = exact.get(name);
      if (v != null) {
        return v;
      }
      for (Map.Entry<String, V> p : prefixes) {
        if (name.startsWith(p.getKey())) {
          return p.getValue();
        }
      }
      return null;
    }
  }

  private static final BlockingRules STANDARD = new BlockingRules(DataFile.lines(BlockingRules.class, "blocking.txt"));

  public static BlockingRules standard() {
    return STANDARD;
  }

  BlockingRules(List<String> lines) {
    for (String line : lines) {
      String[] f = line.trim().split("\\s+", 3);
      switch (f[0]) {
        case "kind" -> kinds.put(f[1], f[2]);
        case "waits" -> waits.put(f[1], f[2]);
        case "lock-kind" -> lockKinds.add(f[1]);
        case "body-waits" -> bodyWaitKinds.add(f[1]);
        case "sleeping-test" -> sleepingTests.add(f[1]);
        case "anyones-callback" -> anyonesCallbacks.add(f[1] + " " + f[2]);
        case "never-waits-member" -> neverWaitingMembers.add(f[1] + " " + f[2]);
        case "gfp" -> {
          if (f[2].equals("sleeps")) {
            sleepingFlags.add(f[1]);
          } else if (f[2].equals("atomic")) {
            atomicFlags.add(f[1]);
          }
        }
        case "not-allocating" -> notAllocating.add(f[1]);
        case "no-return", "oops-path" -> noReturn.put(f[1], true);
        case "never-waits" -> neverWaits.put(f[1], true);
        default -> throw new IllegalStateException("blocking.txt: unknown entry " + line);
      }
    }
  }

  /**
   * The kind a call of NAME waits of by itself, P being the lock primitive NAME is (null when it is
   * none): a sleeping lock's acquire waits for the lock, another primitive's acquire as the waiting
   * calls say ({@code __folio_lock}), a primitive's other operations not at all, any other function
   * as the waiting calls say. Null when the call does not wait by itself.
   */
  public String waitKindOfCall(String name, Primitive p) {
    if (p == null) {
      return waitKind(name);
    }
    if (!p.operation().equals("acquire")) {
      return null;
    }
    return sleepingLock(p.kind()) ? "lock" : waitKind(name);
  }

  /**
   * Whether acquiring a lock primitive of KIND waits as the primitive's body does (a page or
   * buffer lock, for the IO that holds it); other primitives wait only as their kind says.
   */
  public boolean waitsAsItsBody(String kind) {
    return bodyWaitKinds.contains(kind);
  }

  /**
   * Whether MEMBER of STRUCT ("struct notifier_block", "notifier_call") is a callback any code
   * registers on chains a call cannot tell apart: a call through it reaches no function by name.
   */
  public boolean anyonesCallback(String struct, String member) {
    return anyonesCallbacks.contains(struct + "." + member);
  }

  /**
   * Whether MEMBER of STRUCT ("struct irq_chip", "irq_mask") is made never to wait: a call through
   * it waits on nothing, whatever its candidates' bodies reach.
   */
  public boolean neverWaitsThrough(String struct, String member) {
    return neverWaitingMembers.contains(struct + "." + member);
  }

  /** The functions that tell whether allocation flags may sleep (gfpflags_allow_blocking). */
  public Set<String> sleepingTests() {
    return Set.copyOf(sleepingTests);
  }

  /** Whether a call of NAME never comes back (panic, do_exit): callers do not wait through it. */
  public boolean neverReturns(String name) {
    return noReturn.get(name) != null;
  }

  /** Whether NAME is made to be called where nothing may sleep (printk): it waits on nothing. */
  public boolean neverWaits(String name) {
    return neverWaits.get(name) != null;
  }

  /** The kinds, most telling first. */
  public List<String> kinds() {
    return List.copyOf(kinds.keySet());
  }

  /** The position of KIND in report order (unknown kinds last). */
  public int rank(String kind) {
    int i = kinds().indexOf(kind);
    return i < 0 ? kinds.size() : i;
  }

  /** Words for people: "waits for disk IO". */
  public String describe(String kind) {
    return kinds.getOrDefault(kind, kind);
  }

  /** The kind of waiting a call of NAME is, or null when NAME is not a waiting function. */
  public String waitKind(String name) {
    return waits.get(name);
  }

  /** Whether acquiring a lock of KIND may wait for it (a mutex does, a spinlock spins). */
  public boolean sleepingLock(String kind) {
    return lockKinds.contains(kind);
  }

  /**
   * Whether a call passes flags that forbid sleeping (GFP_ATOMIC, GFP_NOWAIT): whatever its callee
   * may do with other flags, this call does not wait for memory, and is not followed down.
   */
  public boolean atomicAllocation(List<String> args) {
    for (String arg : args) {
      if (!arg.contains("GFP_")) {
        continue;
      }
      for (String part : arg.split("\\|")) {
        if (atomicFlags.contains(part.strip())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The sleeping allocation flag of a call of CALLEE with these argument expressions, or null:
   * an argument made of flags ORed together with one that sleeps and none that is atomic.
   */
  public String sleepingAllocation(String callee, List<String> args) {
    if (notAllocating.contains(callee)) {
      return null;
    }
    for (String arg : args) {
      if (!arg.contains("GFP_")) {
        continue;
      }
      String found = null;
      boolean atomic = false;
      for (String part : arg.split("\\|")) {
        String flag = part.strip();
        if (sleepingFlags.contains(flag)) {
          found = flag;
        } else if (atomicFlags.contains(flag)) {
          atomic = true;
        } else if (!flag.matches("__GFP_\\w+|GFP_\\w+")) {
          found = null;
          atomic = true; // an expression (gfp & ~__GFP_FS, a ? b : c): nothing sure
          break;
        }
      }
      if (found != null && !atomic) {
        return found;
      }
    }
    return null;
  }
}
