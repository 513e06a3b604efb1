package dev.lockxref.indexer;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Fixed sets of words looked up for every token. */
final class WordSet {
  private WordSet() {}

  /** A HashSet of WORDS: Set.of's lookups divide by the table size on every call. */
  static Set<String> of(String... words) {
    return Collections.unmodifiableSet(new HashSet<>(List.of(words)));
  }
}
