package dev.lockxref.index;

import dev.lockxref.UserError;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/** A built index, open for queries. Thread-safe; close it when done. */
public final class LockIndex implements Closeable {
  private static final int MAX_HITS = 100_000;

  private final Path dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final IndexInfo info;

  private LockIndex(Path dir, DirectoryReader reader) {
    this.dir = dir;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.info = readInfo();
  }

  /** Opens the index in DIR, refusing one of another schema version with a clear message. */
  public static LockIndex open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir + ": no index there (build one with 'lockxref index TREE')");
    }
    try {
      LockIndex index = new LockIndex(dir, DirectoryReader.open(FSDirectory.open(dir)));
      if (index.info.schemaVersion() != IndexSchema.VERSION) {
        int found = index.info.schemaVersion();
        index.close();
        throw new UserError(dir + ": index schema " + found + ", this lockxref reads schema " + IndexSchema.VERSION
            + ": rebuild it with 'lockxref index'");
      }
      return index;
    } catch (IndexNotFoundException e) {
      throw new UserError(dir + ": not a lockxref index (no Lucene index there)");
    } catch (IOException e) {
      throw new UserError(dir + ": cannot open the index: " + e.getMessage());
    }
  }

  public IndexInfo info() {
    return info;
  }

  public Path dir() {
    return dir;
  }

  private IndexInfo readInfo() {
    List<Document> meta = find(IndexSchema.term(IndexSchema.TYPE, "meta"));
    if (meta.isEmpty()) {
      throw new UserError(dir + ": not a lockxref index (no meta document)");
    }
    Document m = meta.get(0);
    return new IndexInfo(m.get("tree"), m.get("label"), m.get("tool"), m.get("ctags"),
        m.getField("schema").numericValue().intValue(), m.get("created"),
        num(m, "files"), num(m, "functions"), num(m, "calls"), num(m, "sites"), num(m, "resolved"),
        m.get("releases") == null ? "" : m.get("releases"));
  }

  private static long num(Document d, String field) {
    return d.getField(field) == null ? 0 : d.getField(field).numericValue().longValue();
  }

  /** Lock sites at FILE (and LINE when it is positive). */
  public List<LockSite> sitesAt(String file, int line) {
    BooleanQuery.Builder q = new BooleanQuery.Builder()
        .add(IndexSchema.term(IndexSchema.FILE, file), BooleanClause.Occur.FILTER);
    if (line > 0) {
      q.add(IntField.newExactQuery(IndexSchema.LINE, line), BooleanClause.Occur.FILTER);
    }
    return sites(IndexSchema.ofType("site", q.build()));
  }

  /** The lock sites in functions named FUNCTION. */
  public List<LockSite> sitesInFunction(String function) {
    return sites(IndexSchema.ofType("site", IndexSchema.term(IndexSchema.FUNCTION, function)));
  }

  /** All sites of IDENTITY. */
  public List<LockSite> sitesOf(String identity) {
    return sites(IndexSchema.ofType("site", IndexSchema.term(IndexSchema.IDENTITY, identity)));
  }

  /** The identities whose bare name (last member, or global name) is NAME. */
  public List<String> identitiesNamed(String name) {
    return distinct(IndexSchema.ofType("site", IndexSchema.term(IndexSchema.LOCK_NAME, name)), IndexSchema.IDENTITY);
  }

  /** The identities lockdep class NAME maps to through init sites ({@code &ei->i_data_sem}). */
  public List<String> identitiesOfLockdepClass(String name) {
    String exact = IndexSchema.normaliseLockdep(name);
    List<String> found = distinct(IndexSchema.ofType("init", IndexSchema.term(IndexSchema.LOCKDEP, exact)), IndexSchema.IDENTITY);
    if (!found.isEmpty()) {
      return found;
    }
    // lockdep prints a key's name as the code spelled it where the key was declared, which is not
    // always how the init site spells it (&type->i_mutex_dir_key vs &sb->s_type->i_mutex_dir_key);
    // only a key reached through a pointer: "(console_sem).lock" would match every member named lock
    String last = exact.matches(".*->[A-Za-z_]\\w*") ? exact.substring(exact.lastIndexOf("->") + 2) : "";
    return last.isEmpty() ? List.of()
        : distinct(IndexSchema.ofType("init", new WildcardQuery(new Term(IndexSchema.LOCKDEP, "*>" + last))), IndexSchema.IDENTITY);
  }

  /** Identities matching a wildcard PATTERN ('*' and '?'; a pattern without them matches inside), with site counts. */
  public Map<String, Long> locks(String pattern) {
    String p = pattern.contains("*") || pattern.contains("?") ? pattern : "*" + pattern + "*";
    // counted from the postings of the matching identities, not by loading the sites: "*" matches
    // every site of the tree. Init documents carry identities too; only site documents count.
    org.apache.lucene.util.automaton.CompiledAutomaton matching =
        new org.apache.lucene.util.automaton.CompiledAutomaton(WildcardQuery.toAutomaton(new Term(IndexSchema.IDENTITY, p)));
    Map<String, Long> counts = new TreeMap<>();
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        Terms terms = leaf.reader().terms(IndexSchema.IDENTITY);
        if (terms == null) {
          continue;
        }
        org.apache.lucene.util.Bits sites = docsOfType(leaf, "site");
        TermsEnum te = matching.getTermsEnum(terms);
        org.apache.lucene.index.PostingsEnum docs = null;
        for (BytesRef t = te.next(); t != null; t = te.next()) {
          docs = te.postings(docs, org.apache.lucene.index.PostingsEnum.NONE);
          long n = 0;
          for (int d = docs.nextDoc(); d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
            if (sites.get(d)) {
              n++;
            }
          }
          if (n > 0) {
            counts.merge(t.utf8ToString(), n, Long::sum);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  /** The live documents of TYPE in LEAF. */
  private static org.apache.lucene.util.Bits docsOfType(LeafReaderContext leaf, String type) throws IOException {
    org.apache.lucene.util.FixedBitSet out = new org.apache.lucene.util.FixedBitSet(leaf.reader().maxDoc());
    org.apache.lucene.index.PostingsEnum docs = leaf.reader().postings(new Term(IndexSchema.TYPE, type));
    org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
    if (docs != null) {
      for (int d = docs.nextDoc(); d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
        if (live == null || live.get(d)) {
          out.set(d);
        }
      }
    }
    return out;
  }

  /** Call edges into FUNCTION. */
  public List<Edge> callers(String function) {
    return edges(IndexSchema.CALLEE, function, function);
  }

  /** Call edges out of FUNCTION. */
  public List<Edge> callees(String function) {
    return edges(IndexSchema.NAME, function, null);
  }

  /** The calls stored in the function documents whose FIELD is VALUE, all or those to CALLEE, by file and line. */
  private List<Edge> edges(String field, String value, String callee) {
    List<Edge> out = new ArrayList<>();
    for (Document d : find(IndexSchema.ofType("function", IndexSchema.term(field, value)))) {
      out.addAll(edgesOf(d, callee));
    }
    out.sort(Comparator.comparing(Edge::file).thenComparingInt(Edge::line));
    return out;
  }

  /**
   * A call: CALLER at FILE:LINE calls CALLEE.
   *
   * @param calleeFile where the callee is defined, when the index knows it (calls through ops tables)
   * @param through the member called through ({@code ->create}), or null for a direct call
   */
  public record Edge(String caller, String callee, String file, int line, String calleeFile, String through) {
    public Edge(String caller, String callee, String file, int line) {
      this(caller, callee, file, line, null, null);
    }
  }

  /** The calls a function document stores, all of them or those to CALLEE. */
  private static List<Edge> edgesOf(Document d, String callee) {
    List<Edge> out = new ArrayList<>();
    String caller = d.get(IndexSchema.NAME);
    String file = d.get(IndexSchema.FILE);
    String calls = d.get(IndexSchema.CALLS);
    if (calls == null || calls.isEmpty()) {
      return out;
    }
    for (String entry : calls.split("\n")) {
      String[] f = entry.split(" ");
      if (callee == null || callee.equals(f[0])) {
        out.add(f.length == 4 ? new Edge(caller, f[0], file, Integer.parseInt(f[1]), f[2], f[3])
            : new Edge(caller, f[0], file, Integer.parseInt(f[1])));
      }
    }
    return out;
  }

  /**
   * A function definition.
   *
   * @param fileScope static: calls from other files do not reach it
   * @param tier its place among equally close definitions of its name ({@link Visibility#tier})
   */
  public record FunctionRef(String name, String file, int line, int end, boolean fileScope, int tier) {}

  /** The definitions of NAME. */
  public List<FunctionRef> functions(String name) {
    List<FunctionRef> out = refs(IndexSchema.ofType("function", IndexSchema.term(IndexSchema.NAME, name)));
    out.sort(Comparator.comparing(FunctionRef::file).thenComparingInt(FunctionRef::line));
    return out;
  }

  /** The definitions Q finds, read from doc values only (function documents carry large stored fields). */
  private List<FunctionRef> refs(Query q) {
    List<FunctionRef> out = new ArrayList<>();
    try {
      for (int doc : MatchingDocs.of(searcher, q, MAX_HITS)) {
        FunctionRef f = ref(doc);
        if (f != null) {
          out.add(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The definition function document DOC describes, or null. */
  private FunctionRef ref(int doc) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    org.apache.lucene.index.BinaryDocValues dv = leaf.reader().getBinaryDocValues(IndexSchema.REF);
    if (dv == null || !dv.advanceExact(doc - leaf.docBase)) {
      return null;
    }
    String[] f = dv.binaryValue().utf8ToString().split("\t");
    // indexes written before the tier was kept knew functions only
    int tier = f.length > 5 ? Integer.parseInt(f[5]) : Visibility.tier(f[1], false, false);
    return new FunctionRef(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4].equals("1"), tier);
  }

  /** The document of the definition F (a file can define one name twice, under #ifdef), or null. */
  private Document functionDocument(FunctionRef f) {
    Query q = IndexSchema.ofType("function", new BooleanQuery.Builder()
        .add(IndexSchema.term(IndexSchema.NAME, f.name()), BooleanClause.Occur.FILTER)
        .add(IndexSchema.term(IndexSchema.FILE, f.file()), BooleanClause.Occur.FILTER)
        .build());
    try {
      for (int doc : MatchingDocs.of(searcher, q, MAX_HITS)) {
        FunctionRef r = ref(doc);
        if (r != null && r.line() == f.line()) {
          return searcher.storedFields().document(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return null;
  }

  /** The functions defined in FILE, in line order. */
  public List<FunctionRef> functionsIn(String file) {
    List<FunctionRef> out = refs(IndexSchema.ofType("function", IndexSchema.term(IndexSchema.FILE, file)));
    out.sort(Comparator.comparingInt(FunctionRef::line));
    return out;
  }

  /**
   * The definition a call of NAME from FILE reaches, as the indexer links calls ({@link Visibility});
   * with FILE null, the first by path. Null when none.
   */
  public FunctionRef calledFrom(String name, String file) {
    List<FunctionRef> defined = functions(name);
    if (file == null) {
      return defined.isEmpty() ? null : defined.get(0);
    }
    return Visibility.closest(file, defined, FunctionRef::file, FunctionRef::fileScope, FunctionRef::tier);
  }

  /** The calls out of the definition F, in line order. */
  public List<Edge> callsOf(FunctionRef f) {
    Document d = functionDocument(f);
    if (d == null) {
      return List.of();
    }
    List<Edge> out = edgesOf(d, null);
    out.sort(Comparator.comparingInt(Edge::line));
    return out;
  }

  /** The first step of each of F's chains down to a waiting call, one per kind. */
  public List<BlockingStep> blockingSteps(FunctionRef f) {
    Document d = functionDocument(f);
    return d == null ? List.of() : BlockingStep.decodeAll(d.get(IndexSchema.BLOCKS));
  }

  /** An acquire site of a lock and what happens while it holds it. */
  public record HeldSite(LockSite site, HeldRegion region) {}

  /** Every acquire site of IDENTITY with its held region. */
  public List<HeldSite> held(String identity) {
    List<HeldSite> out = new ArrayList<>();
    for (Document d : findSites(IndexSchema.ofType("site", IndexSchema.term(IndexSchema.IDENTITY, identity)))) {
      if (d.getField(IndexSchema.REGION_END) != null) {
        out.add(heldSite(d));
      }
    }
    return out;
  }

  /** The acquire sites, of any lock, that take IDENTITY while they hold their own (the reverse lock-order edges). */
  public List<HeldSite> holdingWhileTaking(String identity) {
    List<HeldSite> out = new ArrayList<>();
    for (Document d : findSites(IndexSchema.ofType("site", IndexSchema.term(IndexSchema.NESTED, identity)))) {
      out.add(heldSite(d));
    }
    return out;
  }

  private static HeldSite heldSite(Document d) {
    return new HeldSite(site(d), HeldRegion.decode(d.getField(IndexSchema.REGION_END).numericValue().intValue(),
        d.get(IndexSchema.REGION_STATUS), d.get(IndexSchema.HELD)));
  }

  /** Up to LIMIT distinct values of FIELD that start with PREFIX, in order. */
  public List<String> termsWithPrefix(String field, String prefix, int limit) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        Terms terms = leaf.reader().terms(field);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        if (te.seekCeil(new BytesRef(prefix)) == TermsEnum.SeekStatus.END) {
          continue;
        }
        int n = 0;
        for (BytesRef t = te.term(); t != null && n < limit; t = te.next(), n++) {
          String s = t.utf8ToString();
          if (!s.startsWith(prefix)) {
            break;
          }
          out.add(s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.stream().limit(limit).toList();
  }

  /** Those of NAMES that are functions defined in the index. */
  public java.util.Set<String> definedFunctions(java.util.Collection<String> names) {
    java.util.Set<String> out = new java.util.HashSet<>();
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        Terms terms = leaf.reader().terms(IndexSchema.NAME);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        for (String n : names) {
          if (!out.contains(n) && te.seekExact(new BytesRef(n))) {
            out.add(n);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** True when FUNCTION is defined in the index. */
  public boolean hasFunction(String function) {
    return !find(IndexSchema.ofType("function", IndexSchema.term(IndexSchema.NAME, function))).isEmpty()
        || !functionsAliased(function).isEmpty();
  }

  /** The functions known by ALIAS (SYSCALL_DEFINE(rename) is __do_sys_rename). */
  public List<String> functionsAliased(String alias) {
    return distinct(IndexSchema.ofType("function", IndexSchema.term(IndexSchema.ALIAS, alias)), IndexSchema.NAME);
  }

  /** Up to LIMIT names in FIELD closest to NAME (edit distance, then shared prefix), for "did you mean". */
  public List<String> nearest(String field, String name, int limit) {
    record Scored(String term, int distance) {}
    List<Scored> scored = new ArrayList<>();
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        Terms terms = leaf.reader().terms(field);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
          String s = t.utf8ToString();
          int d = distance(name.toLowerCase(java.util.Locale.ROOT), s.toLowerCase(java.util.Locale.ROOT));
          if (s.contains(name) || d <= Math.max(2, name.length() / 3)) {
            scored.add(new Scored(s, s.contains(name) ? 0 : d));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return scored.stream().sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::term))
        .map(Scored::term).distinct().limit(limit).toList();
  }

  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 8) {
      return 99;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static LockSite site(Document d) {
    return new LockSite(d.get(IndexSchema.FILE), d.getField(IndexSchema.LINE).numericValue().intValue(),
        d.get(IndexSchema.FUNCTION), d.get(IndexSchema.PRIMITIVE), d.get(IndexSchema.KIND),
        d.get(IndexSchema.OPERATION), d.get(IndexSchema.MODE), d.get(IndexSchema.EXPRESSION),
        d.get(IndexSchema.IDENTITY), d.get(IndexSchema.RESOLVED_BY), d.get(IndexSchema.VIA));
  }

  private List<LockSite> sites(Query q) {
    List<LockSite> out = new ArrayList<>();
    for (Document d : findSites(q)) {
      out.add(site(d));
    }
    out.sort(Comparator.comparing(LockSite::file).thenComparingInt(LockSite::line).thenComparing(LockSite::primitive));
    return out;
  }

  private List<String> distinct(Query q, String field) {
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (Document d : find(q)) {
      seen.put(d.get(field), true);
    }
    List<String> out = new ArrayList<>(seen.keySet());
    out.sort(null);
    return out;
  }

  /** The site documents Q matches, in the indexer's order of sites (by file and line: {@link IndexSchema#ORDER}). */
  private List<Document> findSites(Query q) {
    List<Document> out = find(q);
    out.sort(Comparator.comparingLong(d -> num(d, IndexSchema.ORDER)));
    return out;
  }

  private List<Document> find(Query q) {
    try {
      int[] docs = MatchingDocs.of(searcher, q, MAX_HITS);
      StoredFields stored = searcher.storedFields();
      List<Document> out = new ArrayList<>(docs.length);
      for (int doc : docs) {
        out.add(stored.document(doc));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many documents of TYPE. */
  public long count(String type) {
    try {
      return searcher.count(new TermQuery(new Term(IndexSchema.TYPE, type)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
