package dev.lockxref.indexer;

import dev.lockxref.index.IndexInfo;
import java.nio.file.Path;

/**
 * What one indexing run did.
 *
 * @param info what the index records about itself
 * @param out where it was written
 * @param seconds how long it took
 * @param wrappers how many wrapper functions were inferred
 * @param inits lock init and definition sites
 */
public record IndexSummary(IndexInfo info, Path out, double seconds, int wrappers, int inits) {
  public double resolvedShare() {
    return info.sites() == 0 ? 0 : (double) info.resolvedSites() / info.sites();
  }
}
