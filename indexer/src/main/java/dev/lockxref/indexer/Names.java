package dev.lockxref.indexer;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of each name, type and short expression of an indexing run. String.intern would
 * do the same, but the JVM rescans its table of millions of entries after every collection.
 */
public final class Names {
  private static final int RECENT = 1 << 14;

  private final ConcurrentHashMap<String, String> known = new ConcurrentHashMap<>(1 << 20);
  /** Each thread's last shared copies, by hash: most lookups end here, not in the big table. */
  private final ThreadLocal<String[]> recent = ThreadLocal.withInitial(() -> new String[RECENT]);

  /** The shared copy of S (null for null). */
  public String of(String s) {
    if (s == null) {
      return null;
    }
    String[] mine = recent.get();
    int slot = s.hashCode() & (RECENT - 1);
    String last = mine[slot];
    if (last != null && last.equals(s)) {
      return last;
    }
    String shared = known.get(s);
    if (shared == null) {
      shared = known.putIfAbsent(s, s);
      if (shared == null) {
        shared = s;
      }
    }
    mine[slot] = shared;
    return shared;
  }
}
