package dev.lockxref.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Locks that lockdep keys by the file system type of their object ({@code struct inode.i_rwsem}),
 * and which type a site takes them for, from the path of its file (lock-classes.txt). A cycle of
 * two orders of such a lock needs both to be able to take it for one type: {@code hpfs_fill_super}
 * takes a block device's i_rwsem under hpfs' mutex, and {@code hpfs_dir_lseek} an hpfs directory's
 * under i_rwsem, and lockdep sees two classes.
 */
public final class LockClasses {
  /** The type of code that may take such a lock for any file system. */
  public static final String ANY = "any";

  private record Rule(String prefix, String type) {}

  private final Set<String> perFsType = new HashSet<>();
  private final List<Rule> rules = new ArrayList<>();

  private static final LockClasses STANDARD = load();

  public static LockClasses standard() {
    return STANDARD;
  }

  private static LockClasses load() {
    LockClasses out = new LockClasses();
    try (InputStream in = LockClasses.class.getResourceAsStream("lock-classes.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.strip().split("\\s+", 3);
        if (f[0].isEmpty() || f[0].startsWith("#")) {
          continue;
        }
        switch (f[0]) {
          case "per-fs-type" -> out.perFsType.add(line.strip().substring("per-fs-type".length()).strip());
          case "any" -> out.rules.add(new Rule(f[1], ANY));
          case "own" -> out.rules.add(new Rule(f[1], null));
          case "type" -> out.rules.add(new Rule(f[1], f[2]));
          default -> throw new IllegalStateException("lock-classes.txt: unknown rule: " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Whether lockdep gives IDENTITY a class per file system type. */
  public boolean perFsType(String identity) {
    return perFsType.contains(identity);
  }

  /** The file system type the code in FILE takes such locks for, or {@link #ANY}. */
  public String typeOf(String file) {
    if (file == null) {
      return ANY;
    }
    for (Rule rule : rules) {
      if (rule.prefix().endsWith("*/")) {
        String parent = rule.prefix().substring(0, rule.prefix().length() - 2);
        int slash = file.startsWith(parent) ? file.indexOf('/', parent.length()) : -1;
        if (slash > parent.length()) {
          return file.substring(0, slash + 1);
        }
      } else if (rule.prefix().endsWith("/") ? file.startsWith(rule.prefix()) : file.equals(rule.prefix())) {
        return rule.type();
      }
    }
    return ANY;
  }

  /** Whether code in FILE_A and code in FILE_B can take IDENTITY for one and the same file system type. */
  public boolean maySameClass(String identity, String fileA, String fileB) {
    if (!perFsType(identity)) {
      return true;
    }
    String a = typeOf(fileA);
    String b = typeOf(fileB);
    return a.equals(ANY) || b.equals(ANY) || a.equals(b);
  }
}
