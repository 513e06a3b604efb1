package dev.lockxref.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's test data lives, from any module's tests. */
public final class Testdata {
  private Testdata() {}

  /** The top-level testdata/ folder. */
  public static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("testdata");
      if (Files.isDirectory(candidate.resolve("captures"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("testdata/ not found above " + Path.of("").toAbsolutePath());
  }

  public static Path captures() {
    return root().resolve("captures");
  }

  public static Path snippets() {
    return root().resolve("snippets");
  }
}
