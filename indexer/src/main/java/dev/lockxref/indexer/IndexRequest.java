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
 * @param releases kernel release names built from this tree ({@code 6.1.0-56-amd64}), for choosing the
 *     index of a capture; the tree's {@code .lockxref-releases} file adds its own
 */
public record IndexRequest(Path tree, String label, Path out, int jobs, List<String> subdirs, String ctags,
    List<String> releases) {
  public IndexRequest(Path tree, String label, Path out, int jobs, List<String> subdirs, String ctags) {
    this(tree, label, out, jobs, subdirs, ctags, List.of());
  }
}
