package dev.lockxref.indexer;

import dev.lockxref.UserError;
import dev.lockxref.index.BlockingRules;
import dev.lockxref.index.HeldRegion;
import dev.lockxref.index.IndexInfo;
import dev.lockxref.index.IndexSchema;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.Primitives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/** Builds the index of a kernel tree: ctags, then the bodies, then lock identities and wrappers, then Lucene. */
public final class Indexer {
  /** Documents a writer thread takes at a time. */
  private static final int CHUNK = 2048;
  private final String toolVersion;

  public Indexer(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  public IndexSummary index(IndexRequest req, Progress progress) {
    long start = System.nanoTime();
    SourceTree tree = new SourceTree(req.tree());
    List<SourceFile> files = tree.files(req.subdirs());
    if (files.isEmpty()) {
      throw new UserError(req.tree() + ": no .c or .h files there; give the top of a kernel source tree");
    }
    String label = req.label() != null ? req.label() : tree.makefileVersion();
    if (label == null) {
      throw new UserError(req.tree() + ": no VERSION in its Makefile; name the version with --label");
    }
    CtagsRunner ctags = new CtagsRunner(req.ctags());
    String ctagsVersion = ctags.version();
    IndexFolder folder = new IndexFolder(req.out());
    try {
      Read read = read(tree.root(), files, ctags, req.jobs(), progress);
      List<FunctionFacts> facts = read.facts();
      LockSiteFinder.Result found = read.found();
      long resolved = found.sites().stream().filter(s -> !s.identity().startsWith("unresolved ")).count();
      long functions = facts.stream().filter(f -> !f.function().macro()).count();
      String releases = String.join(" ", releases(tree, req));
      // the calls are counted as their documents are written: listing them twice cost a pass over millions
      IndexInfo info = write(folder.temporary(), read, req.jobs(), calls -> new IndexInfo(tree.root().toString(), label, toolVersion,
          ctagsVersion, IndexSchema.VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), files.size(),
          functions, calls, found.sites().size(), resolved, releases), progress);
      folder.commit();
      return new IndexSummary(info, req.out(), (System.nanoTime() - start) / 1e9, found.wrappers().size(), found.inits().size());
    } catch (RuntimeException e) {
      folder.abandon();
      throw e;
    }
  }

  /** The release names of the request and of the tree's .lockxref-releases file (written by bin/setup). */
  private static List<String> releases(SourceTree tree, IndexRequest req) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>(req.releases());
    Path file = tree.root().resolve(".lockxref-releases");
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank() && !line.startsWith("#")) {
            out.add(line.strip());
          }
        }
      } catch (IOException e) {
        throw new UserError(file + ": cannot read it: " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /** Functions and what was found in them; the definitions are no longer needed once sites are resolved. */
  private record Read(List<FunctionFacts> facts, CallEdges edges, LockSiteFinder.Result found, CallGraph graph,
      MayBlock mayBlock, Map<LockSite, HeldRegion> regions) {}

  private static Read read(Path root, List<SourceFile> files, CtagsRunner ctags, int jobs, Progress progress) {
    Definitions defs = new Definitions();
    Map<String, FileScanner.GuardClass> guards = new ConcurrentHashMap<>();
    OpsTables ops = new OpsTables();
    progress.phase("read", files.size());
    List<FunctionFacts> facts = readTree(root, files, ctags, defs, guards, ops, jobs, progress);
    ops.sortByFile();
    progress.endPhase();
    progress.phase("locks", facts.size());
    Primitives primitives = Primitives.standard();
    CallTargets targets = new CallTargets(facts);
    LockSiteFinder finder = new LockSiteFinder(defs, primitives, guards, targets);
    LockSiteFinder.Result found = finder.find(facts);
    progress.advance(facts.size());
    progress.endPhase();
    progress.phase("calls", facts.size());
    BlockingRules rules = BlockingRules.standard();
    WaitingCalls waiting = new WaitingCalls(primitives, rules);
    CallGraph graph = CallGraph.build(targets, ops, new LockExpressionResolver(defs), waiting::atomic);
    MayBlock mayBlock = MayBlock.compute(graph, waiting, rules, found.byFunction());
    Map<LockSite, HeldRegion> regions = new HeldRegions(graph, mayBlock, waiting, found.wrappers()).compute(found.byFunction());
    progress.advance(facts.size());
    progress.endPhase();
    // the definitions (members, locals, globals of the whole tree) are not needed past this point
    return new Read(facts, new CallEdges(primitives, guards), found, graph, mayBlock, regions);
  }

  /**
   * Runs ctags and, as each file's tags are complete, scans that file's bodies on a pool of its
   * own, so scanning overlaps with ctags instead of waiting for it.
   */
  private static List<FunctionFacts> readTree(Path root, List<SourceFile> files, CtagsRunner ctags, Definitions defs,
      Map<String, FileScanner.GuardClass> guards, OpsTables ops, int jobs, Progress progress) {
    List<FunctionFacts> all = Collections.synchronizedList(new ArrayList<>());
    java.util.Set<String> scanned = ConcurrentHashMap.newKeySet();
    try (WorkPool pool = new WorkPool("scanning", jobs)) {
      java.util.function.Consumer<String> scan = path -> {
        if (scanned.add(path)) {
          pool.submit(() -> {
            String text = read(root.resolve(path));
            for (FileScanner.GuardClass g : FileScanner.guardClasses(text)) {
              guards.putIfAbsent(g.name(), g);
            }
            ops.addAll(OpsTables.scan(text, path));
            all.addAll(FileScanner.scan(text, defs.names().of(path), defs.functionsIn(path), defs.names()));
            progress.advance(1);
            return null;
          });
        }
      };
      ctags.run(root, files, jobs, tags -> {
        defs.addFile(tags);
        scan.accept(tags.get(0).path());
      });
      files.forEach(f -> scan.accept(f.path()));
      pool.awaitAll();
    }
    List<FunctionFacts> sorted = new ArrayList<>(all);
    sorted.sort((a, b) -> a.function().path().equals(b.function().path())
        ? Integer.compare(a.function().line(), b.function().line())
        : a.function().path().compareTo(b.function().path()));
    return sorted;
  }

  private static String read(Path file) {
    try {
      // ISO-8859-1 never fails to decode: non-ASCII bytes only ever appear in comments and strings
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (AccessDeniedException e) {
      throw new UserError(file + ": permission denied; the tree must be readable (nothing was written)");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read it: " + e.getMessage() + " (nothing was written)");
    }
  }

  /** Adds the function document of FACTS[N]; the number of calls it lists. */
  private static int addFunction(IndexWriter w, Read read, int n) throws IOException {
    CallGraph graph = read.graph();
    Definitions.Function fn = read.facts().get(n).function();
    List<CallEdge> calls = read.edges().of(read.facts().get(n));
    StringBuilder stored = new StringBuilder();
    java.util.Set<String> callees = new java.util.LinkedHashSet<>();
    for (CallEdge c : calls) {
      stored.append(stored.length() == 0 ? "" : "\n").append(c.callee()).append(' ').append(c.line());
      callees.add(c.callee());
    }
    for (int e = graph.firstEdge(n); e < graph.endEdge(n); e++) {
      if (graph.member(e) != null) {
        Definitions.Function g = graph.targets().at(graph.target(e)).function();
        stored.append(stored.length() == 0 ? "" : "\n").append(g.name()).append(' ').append(graph.line(e))
            .append(' ').append(g.path()).append(" ->").append(graph.member(e));
        callees.add(g.name());
      }
    }
    w.addDocument(IndexSchema.function(fn.name(), fn.path(), fn.line(), fn.end(), fn.fileScope(), fn.macro(),
        List.copyOf(callees), stored.toString(), read.mayBlock().steps(n)));
    return calls.size();
  }

  /** Some documents to add. */
  private interface Chunk {
    void add() throws IOException;
  }

  /**
   * Adds every function and site document on WRITERS threads, each taking the next chunk left, so
   * that they finish together; the number of calls listed.
   */
  private static long addAll(IndexWriter w, Read read, int writers, Progress progress) {
    java.util.concurrent.atomic.AtomicLong listed = new java.util.concurrent.atomic.AtomicLong();
    List<Chunk> chunks = new ArrayList<>();
    int functions = read.facts().size();
    for (int from = 0; from < functions; from += CHUNK) {
      int first = from;
      int end = Math.min(functions, from + CHUNK);
      chunks.add(() -> {
        for (int n = first; n < end; n++) {
          listed.addAndGet(addFunction(w, read, n));
        }
        progress.advance(end - first);
      });
    }
    List<LockSite> sites = read.found().sites();
    for (int from = 0; from < sites.size(); from += CHUNK) {
      List<LockSite> some = sites.subList(from, Math.min(sites.size(), from + CHUNK));
      chunks.add(() -> {
        for (LockSite s : some) {
          w.addDocument(IndexSchema.site(s, read.regions().get(s)));
        }
        progress.advance(some.size());
      });
    }
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    try (WorkPool pool = new WorkPool("writing", writers)) {
      for (int i = 0; i < writers; i++) {
        pool.submit(() -> {
          try {
            for (int c; (c = next.getAndIncrement()) < chunks.size(); ) {
              chunks.get(c).add();
            }
            // the commit would otherwise flush the threads' buffers one after the other
            w.flushNextBuffer();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return null;
        });
      }
      pool.awaitAll();
    }
    return listed.get();
  }

  /** Writes the index into DIR; its description, made by INFO from the number of calls listed. */
  private static IndexInfo write(Path dir, Read read, int writers, java.util.function.LongFunction<IndexInfo> info,
      Progress progress) {
    List<FunctionFacts> facts = read.facts();
    LockSiteFinder.Result found = read.found();
    IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        // written once and never updated: no compound files to copy everything into at the end
        .setUseCompoundFile(false)
        .setRAMBufferSizeMB(128);
    progress.phase("write", facts.size() + found.sites().size());
    IndexInfo made;
    try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), config)) {
      made = info.apply(addAll(w, read, writers, progress));
      for (InitSite i : found.inits()) {
        w.addDocument(IndexSchema.init(i.file(), i.line(), i.function(), i.how(), i.lockdepName(), i.identity()));
      }
      w.addDocument(IndexSchema.meta(made));
      w.commit();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new UserError("cannot write the index in " + dir + ": " + e.getMessage());
    }
    progress.endPhase();
    return made;
  }
}
