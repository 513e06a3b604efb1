package dev.lockxref.cli.commands;

import dev.lockxref.index.IndexHome;
import dev.lockxref.index.LockIndex;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every query command shares: which index, and JSON output. */
public final class IndexOptions {
  @Option(names = "--index", paramLabel = "DIR", description = "the index (default: the only one in the index home)")
  Path index;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  LockIndex open() {
    return LockIndex.open(index != null ? index : IndexHome.chooseDefault());
  }
}
