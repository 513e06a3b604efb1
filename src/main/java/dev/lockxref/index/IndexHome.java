package dev.lockxref.index;

import dev.lockxref.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where indexes live when no folder is named: {@code $LOCKXREF_INDEX_HOME}, else
 * {@code ~/.local/share/lockxref/indexes}, one folder per label.
 */
public final class IndexHome {
  private IndexHome() {}

  public static Path path() {
    String env = System.getenv("LOCKXREF_INDEX_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "lockxref", "indexes");
  }

  /** The indexes in the home, by folder name. */
  public static List<Path> indexes() {
    Path home = path();
    if (!Files.isDirectory(home)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(home)) {
      return s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))
          .filter(p -> Files.exists(p.resolve("segments_1")) || hasSegments(p)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean hasSegments(Path p) {
    try (Stream<Path> s = Files.list(p)) {
      return s.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The index to use when the user named none: the only one in the home, or a one-line error. */
  public static Path chooseDefault() {
    List<Path> all = indexes();
    if (all.isEmpty()) {
      throw new UserError("no index in " + path() + ": build one with 'lockxref index TREE', or give --index DIR");
    }
    if (all.size() > 1) {
      throw new UserError("several indexes in " + path() + " (" + String.join(", ",
          all.stream().map(p -> p.getFileName().toString()).toList()) + "): choose one with --index DIR");
    }
    return all.get(0);
  }
}
