package dev.lockxref.indexer;

import dev.lockxref.UserError;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes an index folder atomically: the index is built in a temporary sibling and renamed into
 * place only when complete, so an interrupted build never leaves a half index that looks whole,
 * and an existing index stays as it was until the new one is ready.
 */
public final class IndexFolder {
  private final Path target;
  private final Path temporary;

  public IndexFolder(Path target) {
    this.target = target.toAbsolutePath().normalize();
    Path parent = this.target.getParent();
    if (parent == null) {
      throw new UserError(target + ": cannot write an index at the root of the file system");
    }
    if (Files.exists(this.target) && !Files.isDirectory(this.target)) {
      throw new UserError(target + ": exists and is not a directory; give a folder for the index");
    }
    try {
      Files.createDirectories(parent);
      this.temporary = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".building-");
    } catch (IOException e) {
      throw new UserError("cannot create a folder beside " + target + ": " + e.getMessage());
    }
  }

  /** Where the index is being written. */
  public Path temporary() {
    return temporary;
  }

  /** Puts the finished index in place of any old one. */
  public void commit() {
    try {
      Path old = null;
      if (Files.exists(target)) {
        old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      if (old != null) {
        delete(old);
      }
    } catch (IOException e) {
      throw new UserError("cannot put the index in place at " + target + ": " + e.getMessage());
    }
  }

  /** Removes the unfinished index (after a failure). */
  public void abandon() {
    try {
      delete(temporary);
    } catch (IOException e) {
      // nothing more to do: the temporary folder is hidden and named as unfinished
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
