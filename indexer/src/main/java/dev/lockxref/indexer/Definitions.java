package dev.lockxref.indexer;

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

  /** A file-scope variable. */
  public record Global(String name, String path, String typeref, boolean fileScope, int line) {}

  private static final java.util.Set<String> LOCK_TYPES = java.util.Set.of("typename:spinlock_t", "typename:raw_spinlock_t",
      "typename:rwlock_t", "typename:seqlock_t", "struct:mutex", "struct:rw_semaphore", "struct:semaphore",
      "struct:percpu_rw_semaphore", "typename:struct mutex", "typename:struct rw_semaphore", "typename:struct semaphore",
      "typename:struct percpu_rw_semaphore");

  private final Map<String, List<Function>> functionsByFile = new ConcurrentHashMap<>();
  private final Map<String, List<Function>> functionsByName = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> members = new ConcurrentHashMap<>();
  private final Map<String, String> typedefs = new ConcurrentHashMap<>();
  private final Map<String, List<Global>> globals = new ConcurrentHashMap<>();
  /** path + "\0" + function -> its parameters and locals */
  private final Map<String, Scope> scopes = new ConcurrentHashMap<>();

  /**
   * A function's parameters and locals, kept compact: a tree has millions of them, and their names
   * and types repeat (interned).
   */
  private static final class Scope {
    private String[] names = new String[4];
    private String[] types = new String[4];
    private boolean[] parameter = new boolean[4];
    private int size;

    synchronized void add(String name, String type, boolean isParameter) {
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

    synchronized String type(String name) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return types[i];
        }
      }
      return null;
    }

    /** The position of NAME among the parameters, in the order ctags gave them. */
    synchronized int parameterIndex(String name) {
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

  public void add(Tag t) {
    String kind = t.kind();
    if (kind == null || t.name() == null) {
      return;
    }
    switch (kind) {
      case "function" -> {
        if (t.end() < t.line()) {
          return;
        }
        Function f = new Function(t.name().intern(), t.path().intern(), t.line(), t.end(),
            t.typeref() == null ? null : t.typeref().intern(), t.fileScope(), false);
        functionsByFile.computeIfAbsent(t.path(), k -> synchronizedList()).add(f);
        functionsByName.computeIfAbsent(f.name(), k -> synchronizedList()).add(f);
      }
      case "member" -> {
        if (t.scope() != null && t.typeref() != null) {
          String owner = ("union".equals(t.scopeKind()) ? "union " : "struct ") + t.scope();
          members.computeIfAbsent(owner.intern(), k -> new ConcurrentHashMap<>()).putIfAbsent(t.name().intern(), t.typeref().intern());
        }
      }
      case "typedef" -> {
        if (t.typeref() != null) {
          typedefs.putIfAbsent(t.name(), t.typeref());
        }
      }
      case "variable" -> {
        if (t.scope() == null && t.typeref() != null) {
          globals.computeIfAbsent(t.name(), k -> synchronizedList()).add(new Global(t.name().intern(), t.path().intern(), t.typeref().intern(), t.fileScope(), t.line()));
        }
      }
      case "externvar" -> {
        if (t.typeref() != null) {
          globals.computeIfAbsent(t.name(), k -> synchronizedList()).add(new Global(t.name(), null, t.typeref(), false, t.line()));
        }
      }
      case "local", "parameter" -> {
        if (t.scope() != null && t.typeref() != null) {
          String key = t.path() + "\0" + t.scope();
          scopes.computeIfAbsent(key, k -> new Scope()).add(t.name().intern(), t.typeref().intern(), kind.equals("parameter"));
        }
      }
      default -> { }
    }
  }

  private static <T> List<T> synchronizedList() {
    return java.util.Collections.synchronizedList(new ArrayList<>());
  }

  public List<Function> functionsIn(String path) {
    List<Function> list = functionsByFile.getOrDefault(path, List.of());
    synchronized (list) {
      List<Function> copy = new ArrayList<>(list);
      copy.sort((a, b) -> Integer.compare(a.line(), b.line()));
      return copy;
    }
  }

  public List<Function> functionsNamed(String name) {
    return functionsByName.getOrDefault(name, List.of());
  }

  /** The type of a local or parameter NAME in FUNCTION of PATH, or null. */
  public String localType(String path, String function, String name) {
    Scope scope = scopes.get(path + "\0" + function);
    return scope == null ? null : scope.type(name);
  }

  /** The position of parameter NAME of FUNCTION in PATH, or -1. */
  public int parameterIndex(String path, String function, String name) {
    Scope scope = scopes.get(path + "\0" + function);
    return scope == null ? -1 : scope.parameterIndex(name);
  }

  /** A global NAME as seen from PATH: the file's own static first, then a non-static one, then a declaration. */
  public Global global(String path, String name) {
    List<Global> list = globals.get(name);
    if (list == null) {
      return null;
    }
    synchronized (list) {
      Global any = null;
      Global extern = null;
      for (Global g : list) {
        if (path.equals(g.path())) {
          return g;
        }
        if (g.path() != null && !g.fileScope() && any == null) {
          any = g;
        }
        if (g.path() == null && extern == null) {
          extern = g;
        }
      }
      return any != null ? any : extern;
    }
  }

  /** The typeref of member NAME of AGGREGATE ("struct inode"), or null. */
  public String memberType(String aggregate, String name) {
    Map<String, String> m = members.get(aggregate);
    if (m == null && aggregate.startsWith("struct ")) {
      m = members.get("union " + aggregate.substring(7));
    }
    return m == null ? null : m.get(name);
  }

  /** Follows typedefs until an aggregate (or the last typedef) is reached. */
  public CType resolveTypedefs(CType t) {
    CType cur = t;
    for (int i = 0; i < 8 && cur != null && cur.kind().equals("typename"); i++) {
      String target = typedefs.get(cur.name());
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
