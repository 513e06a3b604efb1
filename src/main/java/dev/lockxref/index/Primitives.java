package dev.lockxref.index;

import dev.lockxref.DataFile;
import dev.lockxref.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock primitives: {@code primitives.txt}, plus the lines of a user's own file
 * ({@code LOCKXREF_PRIMITIVES}, same format) for their tree's wrappers that inference cannot see.
 */
public final class Primitives {
  private final Map<String, Primitive> byName = new HashMap<>();

  private Primitives() {}

  public static Primitives standard() {
    Primitives p = new Primitives();
    p.addAll(DataFile.lines(Primitives.class, "primitives.txt"), "primitives.txt");
    String extra = System.getenv("LOCKXREF_PRIMITIVES");
    if (extra != null && !extra.isBlank()) {
      try (InputStream in = Files.newInputStream(Path.of(extra))) {
        p.addAll(DataFile.lines(in), extra);
      } catch (IOException e) {
        throw new UserError("LOCKXREF_PRIMITIVES=" + extra + ": cannot read it: " + e.getMessage());
      }
    }
    return p;
  }

  private void addAll(List<String> lines, String where) {
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length != 5) {
        throw new UserError(where + ": a primitive line needs NAME KIND OPERATION MODE ARGUMENT: " + line);
      }
      byName.put(f[0], new Primitive(f[0], f[1], f[2], f[3], Integer.parseInt(f[4])));
    }
  }

  /** The primitive called NAME, or null. */
  public Primitive get(String name) {
    return byName.get(name);
  }

  public int size() {
    return byName.size();
  }
}
