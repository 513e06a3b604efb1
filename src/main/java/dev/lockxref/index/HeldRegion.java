package dev.lockxref.index;

import java.util.ArrayList;
import java.util.List;

/**
 * What happens while the lock of one acquire site is held: where the region ends, how sure that
 * is, the calls made inside it and what they may wait on, and the other locks taken inside it.
 *
 * @param endLine the last line of the region
 * @param status how the region was bounded: "released at 120, 131", "guard: to the end of its scope",
 *     "held into the caller (wrapper)", "not released in this function", with "trylock: " in front
 *     when it holds only on success
 * @param calls the calls made while held, in line order
 * @param nested the locks taken while this one is held (lock order edges)
 */
public record HeldRegion(int endLine, String status, List<HeldCall> calls, List<NestedLock> nested) {
  /** The status of a region whose function never releases the lock. */
  public static final String UNBALANCED = "not released in this function (unbalanced)";
  /** The status of an acquire wrapper's own region: its callers' regions are the ones that hold. */
  public static final String WRAPPER = "held into the caller (this function is an acquire wrapper)";

  /** Whether the region's end is known: released in its function (or a guard's scope). */
  public boolean bounded() {
    return !status.contains(UNBALANCED) && !status.contains(WRAPPER);
  }

  /** Whether the function never releases the lock (a wrapper's own region is not this). */
  public boolean unbalanced() {
    return status.contains(UNBALANCED);
  }

  /**
   * A call made while held.
   *
   * @param callee the function called, or "->member" for a call through an ops table
   * @param line where the call is
   * @param waits what it may wait on, one per kind, nearest first within a kind
   */
  public record HeldCall(String callee, int line, List<Wait> waits) {
    public boolean indirect() {
      return callee.startsWith("->");
    }

    public boolean mayBlock() {
      return !waits.isEmpty();
    }
  }

  /**
   * A kind of waiting a call may reach.
   *
   * @param kind disk-io, lock, wait-task, memory, user-fault, sleep (blocking.txt)
   * @param distance how many calls down the waiting primitive is (1: the call itself waits)
   * @param via the function the chain continues in, or null when the call itself waits
   * @param viaFile where that function is defined
   * @param evidence the waiting call when the call itself waits ({@code io_schedule()}, {@code kmalloc(GFP_KERNEL)})
   * @param route the first steps of the chain inside VIA when they are not VIA's own shortest chain, else
   *     empty: VIA drops the region's lock before its shortest chain waits ({@code __wait_on_freeing_inode}),
   *     and this chain waits while the lock is still held. The last step's callee goes on by its own chain.
   */
  public record Wait(String kind, int distance, String via, String viaFile, String evidence, List<BlockingStep> route) {
    public Wait(String kind, int distance, String via, String viaFile, String evidence) {
      this(kind, distance, via, viaFile, evidence, List.of());
    }
  }

  /**
   * A lock taken while the region's lock is held.
   *
   * @param identity its identity
   * @param line the line of the call that takes it
   * @param how "direct" when taken in the same function, else the function called that takes it;
   *     ", nested" after it when taken with a lockdep subclass
   * @param file the file of the code that takes it: the region's own, or where the callee's lock
   *     chain ends (null in an index that did not record it)
   */
  public record NestedLock(String identity, int line, String how, String file) {}

  private static final String SUBCLASS = ", nested";

  /**
   * Whether a nested lock's HOW says it was taken with a lockdep subclass
   * ({@code inode_lock_nested(dir, I_MUTEX_PARENT)}, {@code down_write_nested}): lockdep counts it
   * as a class of its own, so it makes no cycle with the same lock taken plainly.
   */
  public static boolean marksSubclass(String how) {
    return how.endsWith(SUBCLASS);
  }

  /** HOW, marked as taken with a lockdep subclass when SUBCLASS says so. */
  public static String withSubclass(String how, boolean subclass) {
    return subclass ? how + SUBCLASS : how;
  }

  private static final String FIELD = "\t";
  private static final String ITEM = "\u001f";
  private static final String PART = "\u001e";
  private static final String HOP = "\u001d";

  /** The stored form: the calls, one a line, then the nested locks, one a line after "#". */
  public String encode() {
    StringBuilder sb = new StringBuilder();
    for (HeldCall c : calls) {
      sb.append(c.callee()).append(FIELD).append(c.line()).append(FIELD);
      for (int i = 0; i < c.waits().size(); i++) {
        Wait w = c.waits().get(i);
        sb.append(i == 0 ? "" : ITEM).append(w.kind()).append(PART).append(w.distance()).append(PART)
            .append(nz(w.via())).append(PART).append(nz(w.viaFile())).append(PART).append(nz(w.evidence()));
        for (BlockingStep r : w.route()) {
          sb.append(PART).append(r.line()).append(HOP).append(nz(r.callee())).append(HOP).append(nz(r.calleeFile()))
              .append(HOP).append(nz(r.evidence()));
        }
      }
      sb.append('\n');
    }
    for (NestedLock n : nested) {
      sb.append('#').append(n.identity()).append(FIELD).append(n.line()).append(FIELD).append(n.how()).append(FIELD)
          .append(nz(n.file())).append('\n');
    }
    return sb.toString();
  }

  public static HeldRegion decode(int endLine, String status, String text) {
    List<HeldCall> calls = new ArrayList<>();
    List<NestedLock> nested = new ArrayList<>();
    if (text != null) {
      for (String line : text.split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("#")) {
          String[] f = line.substring(1).split(FIELD, -1);
          nested.add(new NestedLock(f[0], Integer.parseInt(f[1]), f[2], f.length > 3 ? en(f[3]) : null));
          continue;
        }
        String[] f = line.split(FIELD, -1);
        List<Wait> waits = new ArrayList<>();
        if (!f[2].isEmpty()) {
          for (String w : f[2].split(ITEM)) {
            String[] p = w.split(PART, -1);
            List<BlockingStep> route = new ArrayList<>();
            for (int i = 5; i < p.length; i++) {
              String[] h = p[i].split(HOP, -1);
              route.add(new BlockingStep(p[0], 0, Integer.parseInt(h[0]), en(h[1]), en(h[2]), en(h[3])));
            }
            waits.add(new Wait(p[0], Integer.parseInt(p[1]), en(p[2]), en(p[3]), en(p[4]), route));
          }
        }
        calls.add(new HeldCall(f[0], Integer.parseInt(f[1]), waits));
      }
    }
    return new HeldRegion(endLine, status, calls, nested);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String en(String s) {
    return s.isEmpty() ? null : s;
  }
}
