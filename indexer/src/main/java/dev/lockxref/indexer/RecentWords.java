package dev.lockxref.indexer;

/**
 * The last word seen in each of a fixed number of slots, chosen by hash: a word met again is
 * shared instead of copied out of the parser's buffer (ctags repeats the path, kind and often the
 * type on every line). Not thread-safe: one per reading thread.
 */
final class RecentWords {
  private final String[] slots = new String[1 << 15];

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
