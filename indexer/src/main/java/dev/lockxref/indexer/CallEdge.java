package dev.lockxref.indexer;

/**
 * A direct call: CALLER in FILE calls CALLEE at LINE.
 *
 * @param file path relative to the tree
 * @param line the line of the call
 * @param caller the calling function
 * @param callee the called name
 */
public record CallEdge(String file, int line, String caller, String callee) {}
