package dev.lockxref.index;

import dev.lockxref.DataFile;
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

  /** Files under PREFIX take the locks for TYPE; with OWN, for the directory under PREFIX they are in. */
  private record Rule(String prefix, String type, boolean own) {}

  private final Set<String> perFsType = new HashSet<>();
  private final List<Rule> rules = new ArrayList<>();

  private static final LockClasses STANDARD = new LockClasses(DataFile.lines(LockClasses.class, "lock-classes.txt"));

  public static LockClasses standard() {
    return STANDARD;
  }

  private LockClasses(List<String> entries) {
    for (String line : entries) {
      String[] f = line.strip().split("\\s+", 3);
      switch (f[0]) {
        case "per-fs-type" -> perFsType.add(line.strip().substring("per-fs-type".length()).strip());
        case "any" -> rules.add(new Rule(f[1], ANY, false));
        case "own" -> rules.add(new Rule(f[1].substring(0, f[1].length() - "*/".length()), null, true));
        case "type" -> rules.add(new Rule(f[1], f[2], false));
        default -> throw new IllegalStateException("lock-classes.txt: unknown rule: " + line);
      }
    }
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
      if (rule.own()) {
        int slash = file.startsWith(rule.prefix()) ? file.indexOf('/', rule.prefix().length()) : -1;
        if (slash > rule.prefix().length()) {
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
