package dev.lockxref.indexer;

/** Told how indexing goes, for a progress bar. The default does nothing. */
public interface Progress {
  /** A phase of TOTAL units starts (files to read, files to scan...). */
  default void phase(String name, long total) {}

  /** N more units are done. Called from several threads. */
  default void advance(long n) {}

  /** The phase is over. */
  default void endPhase() {}

  Progress NONE = new Progress() {};
}
