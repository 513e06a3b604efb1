package dev.lockxref.indexer;

import java.nio.file.Path;
import java.util.List;

/**
 * What to index and where.
 *
 * @param tree the kernel tree
 * @param label the version label; null means the tree's Makefile version
 * @param out the index folder
 * @param jobs ctags processes and scanning threads
 * @param subdirs folders of the tree to index (all of it when empty)
 * @param ctags the ctags executable
 */
public record IndexRequest(Path tree, String label, Path out, int jobs, List<String> subdirs, String ctags) {}
