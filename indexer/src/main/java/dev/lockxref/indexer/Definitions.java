package dev.lockxref.indexer;

import dev.lockxref.index.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What ctags said about the tree, kept for lookups: functions by file, struct and union members,
 * typedefs, globals, and each function's parameters and locals. Filled from many threads.
 */
public final class Definitions {
  /**
   * A function definition, or a function-like macro (#define NAME(...)): macros are nodes of the
   * call graph (ext4_new_inode_start_handle(...) calls __ext4_new_inode), not places of lock sites.
   */
  public record Function(String name, String path, int line, int end, String returnType, boolean fileScope, boolean macro) {}

  /** A typedef: NAME stands for TARGET (a typeref), as PATH defines it. */
  private record Typedef(String path, String target) {}

  /** A file-scope variable. */
  public record Global(String name, String path, String typeref, boolean fileScope, int line) {}

  private static final java.util.Set<String> LOCK_TYPES = java.util.Set.of("typename:spinlock_t", "typename:raw_spinlock_t",
      "typename:rwlock_t", "typename:seqlock_t", "struct:mutex", "struct:rw_semaphore", "struct:semaphore",
      "struct:percpu_rw_semaphore", "typename:struct mutex", "typename:struct rw_semaphore", "typename:struct semaphore",
      "typename:struct percpu_rw_semaphore");

  private final Names names = new Names();
  private final Map<String, List<Function>> functionsByFile = new ConcurrentHashMap<>();
  private final Map<String, List<Function>> functionsByName = new ConcurrentHashMap<>();
  private final Aggregates aggregates = new Aggregates();
  private final Map<String, Typedef> typedefs = new ConcurrentHashMap<>();
  private final Map<String, List<Global>> globals = new ConcurrentHashMap<>();
  /** path -> function -> its parameters and locals */
  private final Map<String, Map<String, Scope>> scopes = new ConcurrentHashMap<>();

  /**
   * A function's parameters and locals, kept compact: a tree has millions of them, and their names
   * and types repeat (shared). Filled by the thread that reads its file, read-only once published.
   */
  private static final class Scope {
    private String[] names = new String[4];
    private String[] types = new String[4];
    private boolean[] parameter = new boolean[4];
    private int size;

    void add(String name, String type, boolean isParameter) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return;
        }
      }
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, size * 2);
        types = java.util.Arrays.copyOf(types, size * 2);
        parameter = java.util.Arrays.copyOf(parameter, size * 2);
      }
      names[size] = name;
      types[size] = type;
      parameter[size] = isParameter;
      size++;
    }

    String type(String name) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return types[i];
        }
      }
      return null;
    }

    List<String> parameters() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        if (parameter[i]) {
          out.add(names[i]);
        }
      }
      return out;
    }

    /** The position of NAME among the parameters, in the order ctags gave them. */
    int parameterIndex(String name) {
      int index = 0;
      for (int i = 0; i < size; i++) {
        if (parameter[i]) {
          if (names[i].equals(name)) {
            return index;
          }
          index++;
        }
      }
      return -1;
    }
  }

  /**
   * Adds the tags of one file (called from several threads, each file once). What belongs to the
   * file alone is gathered first and published in one step: the tables of the whole tree live long
   * enough to be old, and writing into them tag by tag made every young collection rescan them.
   */
  public void addFile(List<Tag> tags) {
    String path = names.of(tags.get(0).path());
    List<Function> functions = new ArrayList<>();
    Map<String, Scope> fileScopes = new java.util.HashMap<>();
    Map<String, Map<String, String>> fileMembers = new java.util.HashMap<>();
    List<Tag> unnamed = new ArrayList<>();
    for (Tag t : tags) {
      String kind = t.kind();
      if (kind == null || t.name() == null) {
        continue;
      }
      switch (kind) {
        case "function" -> {
          if (t.end() >= t.line()) {
            functions.add(new Function(names.of(t.name()), path, t.line(), t.end(), names.of(t.typeref()), t.fileScope(), false));
          }
        }
        case "member" -> {
          if (t.scope() != null && t.typeref() != null) {
            String owner = ("union".equals(t.scopeKind()) ? "union " : "struct ") + t.scope();
            fileMembers.computeIfAbsent(owner, k -> new java.util.HashMap<>()).putIfAbsent(names.of(t.name()), names.of(t.typeref()));
          }
        }
        case "typedef" -> {
          if (t.typeref() != null) {
            // a name typedef'd by several files (each architecture's own): the preferred one, whatever came first
            typedefs.merge(t.name(), new Typedef(path, t.typeref()),
                (known, other) -> Visibility.betterForAll(other.path(), known.path()) ? other : known);
          }
        }
        case "variable" -> {
          if (t.scope() == null && t.typeref() != null) {
            globals.computeIfAbsent(t.name(), k -> synchronizedList()).add(new Global(names.of(t.name()), path, names.of(t.typeref()), t.fileScope(), t.line()));
          }
        }
        case "externvar" -> {
          if (t.typeref() != null) {
            globals.computeIfAbsent(t.name(), k -> synchronizedList()).add(new Global(t.name(), null, t.typeref(), false, t.line()));
          }
        }
        case "local", "parameter" -> {
          if (t.scope() != null && t.typeref() != null) {
            fileScopes.computeIfAbsent(t.scope(), k -> new Scope()).add(names.of(t.name()), names.of(t.typeref()), kind.equals("parameter"));
          }
        }
        case "struct", "union" -> {
          if (t.scope() != null && t.name().startsWith("__anon")) {
            unnamed.add(t);
          }
        }
        default -> { }
      }
    }
    liftUnnamedMembers(fileMembers, unnamed);
    if (!functions.isEmpty()) {
      functions.sort((a, b) -> Integer.compare(a.line(), b.line()));
      functionsByFile.put(path, List.copyOf(functions));
      for (Function f : functions) {
        functionsByName.computeIfAbsent(f.name(), k -> synchronizedList()).add(f);
      }
    }
    if (!fileScopes.isEmpty()) {
      scopes.put(path, fileScopes);
    }
    fileMembers.forEach((owner, ofFile) -> aggregates.add(names.of(owner), path, ofFile));
  }

  /**
   * The members of an unnamed struct or union inside another are the enclosing one's:
   * {@code struct mm_struct { struct { ... struct rw_semaphore mmap_lock; ... }; ... }} gives
   * {@code mm->mmap_lock}. Not where a member is declared of its type ({@code struct { ... } stats;}).
   */
  private static void liftUnnamedMembers(Map<String, Map<String, String>> fileMembers, List<Tag> unnamed) {
    // innermost first, so that a member climbs every unnamed level
    unnamed.sort(java.util.Comparator.comparingInt((Tag t) -> -t.scope().split("::").length));
    for (Tag t : unnamed) {
      Map<String, String> members = fileMembers.get(("union".equals(t.kind()) ? "union " : "struct ") + t.scope() + "::" + t.name());
      if (members == null) {
        continue;
      }
      Map<String, String> enclosing = fileMembers.computeIfAbsent(("union".equals(t.scopeKind()) ? "union " : "struct ") + t.scope(),
          k -> new java.util.HashMap<>());
      if (enclosing.values().stream().noneMatch(type -> type.endsWith(t.name()))) {
        members.forEach(enclosing::putIfAbsent);
      }
    }
  }

  private static <T> List<T> synchronizedList() {
    return java.util.Collections.synchronizedList(new ArrayList<>());
  }

  /** The run's shared copies of names, for what is read beside the definitions. */
  public Names names() {
    return names;
  }

  /** The functions of PATH, in order of their lines. */
  public List<Function> functionsIn(String path) {
    return functionsByFile.getOrDefault(path, List.of());
  }

  public List<Function> functionsNamed(String name) {
    return functionsByName.getOrDefault(name, List.of());
  }

  /** The type of a local or parameter NAME in FUNCTION of PATH, or null. */
  public String localType(String path, String function, String name) {
    Scope scope = scopes.getOrDefault(path, Map.of()).get(function);
    return scope == null ? null : scope.type(name);
  }

  /** The parameters of FUNCTION in PATH, in order (none when ctags gave none). */
  public List<String> parameters(String path, String function) {
    Scope scope = scopes.getOrDefault(path, Map.of()).get(function);
    return scope == null ? List.of() : scope.parameters();
  }

  /** The position of parameter NAME of FUNCTION in PATH, or -1. */
  public int parameterIndex(String path, String function, String name) {
    Scope scope = scopes.getOrDefault(path, Map.of()).get(function);
    return scope == null ? -1 : scope.parameterIndex(name);
  }

  /** A global NAME as seen from PATH: the file's own first, then the closest non-static one ({@link Visibility}), then a declaration. */
  public Global global(String path, String name) {
    List<Global> list = globals.get(name);
    if (list == null) {
      return null;
    }
    synchronized (list) {
      Global best = Visibility.closest(path, list, Global::path, Global::fileScope);
      return best != null ? best : list.stream().filter(g -> g.path() == null).findFirst().orElse(null);
    }
  }

  /** The typeref of member NAME of AGGREGATE ("struct inode"), or null. */
  public String memberType(String aggregate, String name) {
    if (!aggregates.has(aggregate) && aggregate.startsWith("struct ")) {
      return aggregates.memberType("union " + aggregate.substring(7), name);
    }
    return aggregates.memberType(aggregate, name);
  }

  /** Follows typedefs until an aggregate (or the last typedef) is reached. */
  public CType resolveTypedefs(CType t) {
    CType cur = t;
    for (int i = 0; i < 8 && cur != null && cur.kind().equals("typename"); i++) {
      Typedef def = typedefs.get(cur.name());
      String target = def == null ? null : def.target();
      if (target == null) {
        return cur;
      }
      CType next = CType.ofTyperef(target);
      if (next == null || next.name().equals(cur.name()) && next.kind().equals(cur.kind())) {
        return cur;
      }
      cur = new CType(next.kind(), next.name(), next.pointers() + cur.pointers());
    }
    return cur;
  }

  /** Globals defined (not declared) with a lock type: DEFINE_MUTEX(x), static DEFINE_SPINLOCK(y), ... */
  public List<Global> lockGlobals() {
    List<Global> out = new ArrayList<>();
    for (List<Global> list : globals.values()) {
      synchronized (list) {
        for (Global g : list) {
          if (g.path() != null && LOCK_TYPES.contains(g.typeref().replace("__cacheline_aligned_in_smp ", "").strip())) {
            out.add(g);
          }
        }
      }
    }
    return out;
  }
}
