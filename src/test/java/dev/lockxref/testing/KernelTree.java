package dev.lockxref.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's linux-source-6.1, extracted by bin/setup into the cache: the real kernel tree the
 * indexer's end-to-end tests run on. bin/test exports LOCKXREF_KERNEL_TREE.
 */
public final class KernelTree {
  private KernelTree() {}

  public static Path path() {
    String env = System.getenv("LOCKXREF_KERNEL_TREE");
    Path p = env != null ? Path.of(env)
        : Path.of(System.getenv().getOrDefault("LOCKXREF_CACHE", System.getProperty("user.home") + "/.cache/lockxref"),
            "linux-source-6.1");
    if (!Files.isRegularFile(p.resolve("Makefile"))) {
      throw new IllegalStateException("no kernel tree at " + p + ": run the tests with bin/test, which extracts "
          + "Debian's linux-source-6.1 (or set LOCKXREF_KERNEL_TREE)");
    }
    return p;
  }
}
