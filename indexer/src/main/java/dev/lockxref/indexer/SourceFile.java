package dev.lockxref.indexer;

/**
 * A C source or header file of the tree.
 *
 * @param path relative to the tree's root, with '/' separators
 * @param size in bytes
 */
public record SourceFile(String path, long size) {}
