package dev.lockxref.capture;

import java.util.List;

/**
 * Input that was not understood, by reason: how many lines, and the first few line numbers.
 *
 * @param reason why these lines were skipped
 * @param count how many lines
 * @param exampleLines up to five 1-based line numbers
 */
public record Skipped(String reason, long count, List<Integer> exampleLines) {
  public Skipped {
    exampleLines = List.copyOf(exampleLines);
  }
}
