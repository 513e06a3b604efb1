package dev.lockxref.indexer;

import dev.lockxref.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** The C files of a kernel tree: every regular .c and .h file below the chosen folders, no symlinks. */
public final class SourceTree {
  private final Path root;

  public SourceTree(Path root) {
    if (!Files.exists(root)) {
      throw new UserError(root + ": no such directory; give the top of a kernel source tree");
    }
    if (!Files.isDirectory(root)) {
      throw new UserError(root + ": not a directory; give the top of a kernel source tree");
    }
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The version in the tree's Makefile (VERSION.PATCHLEVEL.SUBLEVEL), or null when there is none. */
  public String makefileVersion() {
    Path makefile = root.resolve("Makefile");
    if (!Files.isRegularFile(makefile)) {
      return null;
    }
    try {
      String v = null;
      String p = null;
      String s = null;
      for (String line : Files.readAllLines(makefile)) {
        if (line.startsWith("VERSION = ")) {
          v = line.substring(10).strip();
        } else if (line.startsWith("PATCHLEVEL = ")) {
          p = line.substring(13).strip();
        } else if (line.startsWith("SUBLEVEL = ")) {
          s = line.substring(11).strip();
        }
        if (v != null && p != null && s != null) {
          break;
        }
      }
      return v == null || p == null ? null : v + "." + p + (s == null || s.isEmpty() ? "" : "." + s);
    } catch (IOException e) {
      return null;
    }
  }

  /** The C files below SUBDIRS (all of the tree when empty), sorted by path; none is an error. */
  public List<SourceFile> files(List<String> subdirs) {
    List<SourceFile> out = new ArrayList<>();
    List<Path> starts = new ArrayList<>();
    if (subdirs.isEmpty()) {
      starts.add(root);
    } else {
      for (String d : subdirs) {
        Path p = root.resolve(d).normalize();
        if (!p.startsWith(root) || !Files.exists(p)) {
          throw new UserError(d + ": not found under " + root);
        }
        starts.add(p);
      }
    }
    for (Path start : starts) {
      if (Files.isRegularFile(start)) {
        add(out, start);
        continue;
      }
      try {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              add(out, file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        throw new UserError("cannot read " + start + ": " + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new UserError(root + ": no .c or .h files there; give the top of a kernel source tree");
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  private void add(List<SourceFile> out, Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".c") || name.endsWith(".h")) {
      try {
        out.add(new SourceFile(root.relativize(file).toString().replace('\\', '/'), Files.size(file)));
      } catch (IOException e) {
        // vanished while walking: not part of the tree any more
      }
    }
  }

  /**
   * The text of a source file. ISO-8859-1 never fails to decode: non-ASCII bytes only ever appear
   * in comments and strings.
   */
  public static String text(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (AccessDeniedException e) {
      throw new UserError(file + ": permission denied; the tree must be readable (nothing was written)");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read it: " + e.getMessage() + " (nothing was written)");
    }
  }
}
