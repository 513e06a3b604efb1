package dev.lockxref.indexer;

/**
 * A C type as far as lock identities need it: the aggregate or typedef name and how many pointer
 * levels. {@code struct:inode *} is (struct, inode, 1); {@code typename:spinlock_t} is
 * (typename, spinlock_t, 0).
 *
 * @param kind struct, union, enum or typename
 * @param name the tag or typedef name
 * @param pointers pointer levels
 */
public record CType(String kind, String name, int pointers) {
  private static final java.util.Set<String> QUALIFIERS = java.util.Set.of("const", "volatile", "__rcu", "__user",
      "__iomem", "__percpu", "__force", "__randomize_layout", "__aligned", "__packed", "restrict", "__restrict",
      "static", "inline", "__always_inline", "__must_check", "__sched", "__cacheline_aligned_in_smp",
      "__cacheline_aligned", "____cacheline_aligned_in_smp", "__read_mostly", "extern", "unsigned", "signed");

  /** Reads a ctags typeref ({@code struct:inode *}, {@code typename:const struct cred *}), or null. */
  public static CType ofTyperef(String typeref) {
    if (typeref == null) {
      return null;
    }
    int colon = typeref.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String kind = typeref.substring(0, colon);
    String rest = typeref.substring(colon + 1);
    if (kind.equals("typename")) {
      return parse(rest);
    }
    int stars = count(rest, '*');
    String name = rest.replace("*", " ").strip();
    int space = name.indexOf(' ');
    return new CType(kind, space < 0 ? name : name.substring(0, space), stars);
  }

  /** Reads a type written in C ({@code struct super_block *}, {@code journal_t *}), or null. */
  public static CType parse(String text) {
    int stars = count(text, '*');
    String kind = "typename";
    String name = null;
    for (String word : text.replace("*", " ").replace("(", " ").replace(")", " ").strip().split("\\s+")) {
      if (word.isEmpty() || QUALIFIERS.contains(word) || word.startsWith("__attribute")) {
        continue;
      }
      if (word.equals("struct") || word.equals("union") || word.equals("enum")) {
        kind = word;
        continue;
      }
      name = word;
      break;
    }
    return name == null ? null : new CType(kind, name, stars);
  }

  public CType deref() {
    return new CType(kind, name, Math.max(0, pointers - 1));
  }

  public CType pointer() {
    return new CType(kind, name, pointers + 1);
  }

  public boolean isAggregate() {
    return kind.equals("struct") || kind.equals("union");
  }

  /** "struct inode" */
  public String aggregateName() {
    return kind + " " + name;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
