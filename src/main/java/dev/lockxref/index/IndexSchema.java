package dev.lockxref.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The one place that knows the index's fields: document builders for the indexer and query
 * builders for the readers, so that the two cannot drift apart. Every document has a
 * {@code type}: function, site, init, call or meta.
 */
public final class IndexSchema {
  /** Bumped whenever fields change meaning; an index of another version is refused. */
  public static final int VERSION = 8;

  public static final String TYPE = "type";
  public static final String FILE = "file";
  public static final String LINE = "line";
  public static final String NAME = "name";
  public static final String FUNCTION = "function";
  public static final String PRIMITIVE = "primitive";
  public static final String KIND = "kind";
  public static final String OPERATION = "operation";
  public static final String MODE = "mode";
  public static final String EXPRESSION = "expression";
  public static final String IDENTITY = "identity";
  public static final String LOCK_NAME = "lockName";
  public static final String RESOLVED_BY = "resolvedBy";
  public static final String VIA = "via";
  public static final String HOW = "how";
  public static final String LOCKDEP = "lockdep";
  public static final String CALLER = "caller";
  public static final String CALLEE = "callee";
  public static final String ALIAS = "alias";
  public static final String CALLS = "calls";
  public static final String BLOCKS = "blocks";
  public static final String MACRO = "macro";
  /** A function's name, file, lines and scope as doc values: the cheap way to a definition. */
  public static final String REF = "ref";
  public static final String MAY_BLOCK = "mayBlock";
  public static final String REGION_END = "regionEnd";
  public static final String REGION_STATUS = "regionStatus";
  public static final String HELD = "held";
  public static final String NESTED = "nested";
  /**
   * A site's place in the indexer's list of sites: by file and line, and on one line in the order
   * the code (or the wrapper it calls) takes them. Documents are written from several threads in
   * no fixed order, so this is what keeps answers the same from one index of a tree to the next.
   */
  public static final String ORDER = "order";

  private IndexSchema() {}

  /**
   * A function, with the direct calls it makes: CALLEE is indexed once per called name (for
   * "callers of"), CALLS stores "callee line" pairs, one a line (for "callees of" and call lines),
   * and "callee line file ->member" for a call through an ops table; BLOCKS the first step of each
   * chain down to a waiting call, MAY_BLOCK indexes their kinds. TIER orders it among equally close
   * definitions of its name ({@link Visibility#tier}).
   */
  public static Document function(String name, String file, int line, int end, boolean fileScope, boolean macro,
      int tier, java.util.List<String> callees, String calls, java.util.List<BlockingStep> blocks) {
    Document d = typed("function");
    d.add(new StringField(NAME, name, Field.Store.YES));
    for (String alias : aliases(name)) {
      d.add(new StringField(ALIAS, alias, Field.Store.YES));
    }
    d.add(new StringField(FILE, file, Field.Store.YES));
    // the lines and the scope are read from REF only: no points, stored copies or numeric doc values
    d.add(new org.apache.lucene.document.BinaryDocValuesField(REF,
        new org.apache.lucene.util.BytesRef(name + "\t" + file + "\t" + line + "\t" + end + "\t" + (fileScope ? 1 : 0) + "\t" + tier)));
    if (macro) {
      d.add(new StoredField(MACRO, 1));
    }
    for (String callee : callees) {
      d.add(new StringField(CALLEE, callee, Field.Store.NO));
    }
    d.add(new StoredField(CALLS, calls));
    if (!blocks.isEmpty()) {
      d.add(new StoredField(BLOCKS, BlockingStep.encodeAll(blocks)));
      for (BlockingStep b : blocks) {
        d.add(new StringField(MAY_BLOCK, b.kind(), Field.Store.NO));
      }
    }
    return d;
  }

  /** A lock site, at ORDER in the indexer's list, with the region it holds the lock for when it acquires (REGION null otherwise). */
  public static Document site(LockSite s, HeldRegion region, int order) {
    Document d = typed("site");
    d.add(new StoredField(ORDER, order));
    d.add(new StringField(FILE, s.file(), Field.Store.YES));
    d.add(new IntField(LINE, s.line(), Field.Store.YES));
    d.add(new StringField(FUNCTION, s.function(), Field.Store.YES));
    d.add(new StringField(PRIMITIVE, s.primitive(), Field.Store.YES));
    d.add(new StringField(KIND, s.kind(), Field.Store.YES));
    d.add(new StringField(OPERATION, s.operation(), Field.Store.YES));
    d.add(new StoredField(MODE, s.mode()));
    d.add(new StoredField(EXPRESSION, s.expression()));
    d.add(new StringField(IDENTITY, s.identity(), Field.Store.YES));
    d.add(new StringField(LOCK_NAME, lockName(s.identity()), Field.Store.NO));
    d.add(new StoredField(RESOLVED_BY, s.resolvedBy()));
    if (s.via() != null) {
      d.add(new StringField(VIA, s.via(), Field.Store.YES));
    }
    if (region != null) {
      d.add(new StoredField(REGION_END, region.endLine()));
      d.add(new StoredField(REGION_STATUS, region.status()));
      d.add(new StoredField(HELD, region.encode()));
      for (HeldRegion.NestedLock n : region.nested()) {
        d.add(new StringField(NESTED, n.identity(), Field.Store.NO));
      }
    }
    return d;
  }

  public static Document init(String file, int line, String function, String how, String lockdepName, String identity) {
    Document d = typed("init");
    d.add(new StringField(FILE, file, Field.Store.YES));
    d.add(new IntField(LINE, line, Field.Store.YES));
    if (function != null) {
      d.add(new StringField(FUNCTION, function, Field.Store.YES));
    }
    d.add(new StringField(HOW, how, Field.Store.YES));
    d.add(new StringField(LOCKDEP, normaliseLockdep(lockdepName), Field.Store.YES));
    d.add(new StringField(IDENTITY, identity, Field.Store.YES));
    return d;
  }

  public static Document meta(IndexInfo info) {
    Document d = typed("meta");
    d.add(new StoredField("tree", info.tree()));
    d.add(new StoredField("label", info.label()));
    d.add(new StoredField("tool", info.toolVersion()));
    d.add(new StoredField("ctags", info.ctagsVersion()));
    d.add(new StoredField("schema", info.schemaVersion()));
    d.add(new StoredField("created", info.created()));
    d.add(new StoredField("files", info.files()));
    d.add(new StoredField("functions", info.functions()));
    d.add(new StoredField("calls", info.calls()));
    d.add(new StoredField("sites", info.sites()));
    d.add(new StoredField("resolved", info.resolvedSites()));
    d.add(new StoredField("releases", info.releases()));
    return d;
  }

  private static Document typed(String type) {
    Document d = new Document();
    d.add(new StringField(TYPE, type, Field.Store.YES));
    return d;
  }

  /**
   * The names a function made by a macro is also known by: the kernel's syscall bodies are
   * {@code __do_sys_NAME} in stack traces and {@code SYSCALL_DEFINEn(NAME, ...)} in the source.
   */
  public static java.util.List<String> aliases(String name) {
    if (name.startsWith("__do_sys_")) {
      String sys = name.substring(9);
      return java.util.List.of("SYSCALL_DEFINE(" + sys + ")", "sys_" + sys, "__x64_sys_" + sys, "__se_sys_" + sys);
    }
    if (name.startsWith("__do_compat_sys_")) {
      String sys = name.substring(16);
      return java.util.List.of("COMPAT_SYSCALL_DEFINE(" + sys + ")", "compat_sys_" + sys);
    }
    return java.util.List.of();
  }

  /** The bare name a person types for a lock: the last member of a path, or a global's name. */
  public static String lockName(String identity) {
    String s = identity;
    if (s.startsWith("global ")) {
      s = s.substring(7);
      int space = s.indexOf(' ');
      s = space < 0 ? s : s.substring(0, space);
    } else if (s.startsWith("unresolved ")) {
      return "";
    }
    int dot = s.lastIndexOf('.');
    s = dot < 0 ? s : s.substring(dot + 1);
    return s.endsWith("[]") ? s.substring(0, s.length() - 2) : s;
  }

  /** Lockdep's class names without spaces, subclass (/1) and instance (#3) suffixes. */
  public static String normaliseLockdep(String name) {
    String s = name.replace(" ", "");
    s = s.replaceAll("#\\d+$", "").replaceAll("/\\d+$", "").replaceAll("#\\d+$", "");
    return s;
  }

  public static Query ofType(String type, Query q) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(TYPE, type)), BooleanClause.Occur.FILTER)
        .add(q, BooleanClause.Occur.MUST)
        .build();
  }

  public static Query term(String field, String value) {
    return new TermQuery(new Term(field, value));
  }
}
