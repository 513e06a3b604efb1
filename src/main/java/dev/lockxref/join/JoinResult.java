package dev.lockxref.join;

import java.util.List;

/**
 * The join of the captures with an index.
 *
 * @param index the index's label, or null when none was used
 * @param warning what the reader must know about the index chosen (another version, none), or null
 * @param contended the contended locks, the most waited for first
 * @param waitChains holders that wait for another contended lock: "A (held by 12) -> B (held by 34)"
 * @param cycles chains of waiting that close on themselves: a deadlock
 * @param profile the locks the contended rows of the captures' contention profiles name, where the index knows them
 */
public record JoinResult(String index, String warning, List<Verdict> contended, List<String> waitChains, List<List<String>> cycles,
    List<ProfileLock> profile) {
  public static JoinResult none(String warning) {
    return new JoinResult(null, warning, List.of(), List.of(), List.of(), List.of());
  }
}
