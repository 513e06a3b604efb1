package dev.lockxref.indexer;

/**
 * The last word seen in each of a fixed number of slots, chosen by hash: a word met again is
 * shared instead of copied out of its source, and its hash is already known to the maps and sets
 * it is looked up in. Not thread-safe: one per reading thread.
 */
final class RecentWords {
  private final String[] slots = new String[1 << 15];

  /** The word SRC[FROM, TO). */
  String of(String src, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      h = 31 * h + src.charAt(k);
    }
    int slot = slot(h);
    String seen = slots[slot];
    int length = to - from;
    if (seen != null && seen.length() == length && src.regionMatches(from, seen, 0, length)) {
      return seen;
    }
    return slots[slot] = src.substring(from, to);
  }

  /** The word of LENGTH characters at SRC[FROM]. */
  String of(char[] src, int from, int length) {
    int h = 0;
    for (int k = from; k < from + length; k++) {
      h = 31 * h + src[k];
    }
    int slot = slot(h);
    String seen = slots[slot];
    if (seen != null && seen.length() == length && same(seen, src, from)) {
      return seen;
    }
    return slots[slot] = new String(src, from, length);
  }

  private int slot(int hash) {
    return (hash ^ (hash >>> 15)) & (slots.length - 1);
  }

  private static boolean same(String word, char[] src, int from) {
    for (int k = 0; k < word.length(); k++) {
      if (word.charAt(k) != src[from + k]) {
        return false;
      }
    }
    return true;
  }
}
