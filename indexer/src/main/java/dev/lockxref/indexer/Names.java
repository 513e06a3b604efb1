package dev.lockxref.indexer;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of each name, type and short expression of an indexing run. String.intern would
 * do the same, but the JVM rescans its table of millions of entries after every collection.
 */
public final class Names {
  private final ConcurrentHashMap<String, String> known = new ConcurrentHashMap<>(1 << 20);

  /** The shared copy of S (null for null). */
  public String of(String s) {
    if (s == null) {
      return null;
    }
    String shared = known.get(s);
    if (shared != null) {
      return shared;
    }
    shared = known.putIfAbsent(s, s);
    return shared != null ? shared : s;
  }
}
