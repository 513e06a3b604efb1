package dev.lockxref.index;

import dev.lockxref.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source files of an indexed tree, read only from inside it: a relative path with no ".."
 * whose real location (symbolic links followed) is still under the tree's real root.
 */
public final class TreeFiles {
  private final Path root;
  private final Map<String, List<String>> cache = new HashMap<>();

  public TreeFiles(Path root) {
    this.root = root;
  }

  /** Whether the tree is on this machine. */
  public boolean present() {
    return root != null && Files.isDirectory(root);
  }

  /** The file at RELATIVE inside the tree, or a UserError saying why it is refused. */
  public Path resolve(String relative) {
    if (!present()) {
      throw new UserError("the indexed tree " + root + " is not on this machine");
    }
    if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")
        || relative.contains("\0") || List.of(relative.split("/")).contains("..")) {
      throw new UserError("refused path '" + relative + "': give a path relative to the tree, without '..'");
    }
    try {
      Path realRoot = root.toRealPath();
      Path file = realRoot.resolve(relative).normalize();
      if (!Files.isRegularFile(file)) {
        throw new UserError("no file " + relative + " in the indexed tree");
      }
      Path real = file.toRealPath();
      if (!real.startsWith(realRoot) || !file.startsWith(realRoot)) {
        throw new UserError("refused path '" + relative + "': it leads out of the indexed tree");
      }
      return real;
    } catch (IOException e) {
      throw new UserError("cannot read " + relative + ": " + e.getMessage());
    }
  }

  /** The lines of RELATIVE. */
  public synchronized List<String> lines(String relative) {
    List<String> cached = cache.get(relative);
    if (cached != null) {
      return cached;
    }
    try {
      // ISO-8859-1 never fails: a few kernel files are not UTF-8
      List<String> lines = Files.readAllLines(resolve(relative), StandardCharsets.ISO_8859_1);
      if (cache.size() > 256) {
        cache.clear();
      }
      cache.put(relative, lines);
      return lines;
    } catch (IOException e) {
      throw new UserError("cannot read " + relative + ": " + e.getMessage());
    }
  }

  /** Lines FROM to TO of RELATIVE as they are, or an empty list when the tree or the file is not there. */
  public List<String> excerpt(String relative, int from, int to) {
    if (!present()) {
      return List.of();
    }
    try {
      List<String> lines = lines(relative);
      int a = Math.max(1, from);
      int b = Math.min(lines.size(), to);
      return a > b ? List.of() : List.copyOf(lines.subList(a - 1, b));
    } catch (UserError e) {
      return List.of();
    }
  }

  /** Line N of RELATIVE, stripped, or null when the tree or the line is not there. */
  public String line(String relative, int n) {
    if (!present()) {
      return null;
    }
    try {
      List<String> lines = lines(relative);
      return n >= 1 && n <= lines.size() ? lines.get(n - 1).strip() : null;
    } catch (UserError e) {
      return null;
    }
  }
}
