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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the index of a kernel tree: ctags, then the bodies, then lock identities and wrappers, then Lucene. */
public final class Indexer {
  private final String toolVersion;

  public Indexer(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  public IndexSummary index(IndexRequest req, Progress progress) {
    long start = System.nanoTime();
    SourceTree tree = new SourceTree(req.tree());
    List<SourceFile> files = tree.files(req.subdirs());
    String label = req.label() != null ? req.label() : tree.makefileVersion();
    if (label == null) {
      throw new UserError(req.tree() + ": no VERSION in its Makefile; name the version with --label");
    }
    CtagsRunner ctags = new CtagsRunner(req.ctags());
    String ctagsVersion = ctags.version();
    IndexFolder folder = new IndexFolder(req.out());
    try {
      AnalysedTree analysed = read(tree.root(), files, ctags, req.jobs(), progress);
      List<FunctionFacts> facts = analysed.facts();
      LockSiteFinder.Result found = analysed.found();
      long resolved = found.sites().stream().filter(s -> !s.identity().startsWith("unresolved ")).count();
      long functions = facts.stream().filter(f -> !f.function().macro()).count();
      String releases = String.join(" ", releases(tree, req));
      // the calls are counted as their documents are written: listing them twice cost a pass over millions
      IndexInfo info = DocumentWriter.write(folder.temporary(), analysed, req.jobs(), calls -> new IndexInfo(
          tree.root().toString(), label, toolVersion, ctagsVersion, IndexSchema.VERSION,
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), files.size(), functions, calls, found.sites().size(),
          resolved, releases), progress);
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

  private static AnalysedTree read(Path root, List<SourceFile> files, CtagsRunner ctags, int jobs, Progress progress) {
    Definitions defs = new Definitions();
    Map<String, FileScanner.GuardClass> guards = new ConcurrentHashMap<>();
    OpsTables ops = new OpsTables();
    Primitives primitives = Primitives.standard();
    progress.phase("read", files.size());
    List<FunctionFacts> facts = readTree(root, files, ctags, defs, guards, ops, primitives, jobs, progress);
    ops.sortByFile();
    progress.endPhase();
    progress.phase("locks", facts.size());
    CallTargets targets = new CallTargets(facts, (fn, name) -> defs.localType(fn.path(), fn.name(), name) != null);
    LockSiteFinder finder = new LockSiteFinder(defs, primitives, guards, targets);
    LockSiteFinder.Result found = finder.find(facts);
    progress.advance(facts.size());
    progress.endPhase();
    progress.phase("calls", facts.size());
    BlockingRules rules = BlockingRules.standard();
    java.util.Set<String> chosenByFlags = new java.util.HashSet<>();
    found.wrappers().values().stream().filter(w -> w.when() != null).forEach(w -> chosenByFlags.add(w.function()));
    WaitingCalls waiting = new WaitingCalls(primitives, rules, chosenByFlags);
    CallGraph graph = CallGraph.build(targets, ops, new LockExpressionResolver(defs), waiting::atomic, rules);
    MayBlock mayBlock = MayBlock.compute(graph, waiting, rules, found.byFunction());
    Map<LockSite, HeldRegion> regions = new HeldRegions(graph, mayBlock, waiting, found.wrappers(), new EmbeddedLocks(defs))
        .compute(found.byFunction());
    progress.advance(facts.size());
    progress.endPhase();
    // the definitions (members, locals, globals of the whole tree) are not needed past this point
    return new AnalysedTree(facts, new CallEdges(primitives, guards), found, graph, mayBlock, regions);
  }

  /**
   * Runs ctags and, as each file's tags are complete, scans that file's bodies on a pool of its
   * own, so scanning overlaps with ctags instead of waiting for it.
   */
  private static List<FunctionFacts> readTree(Path root, List<SourceFile> files, CtagsRunner ctags, Definitions defs,
      Map<String, FileScanner.GuardClass> guards, OpsTables ops, Primitives primitives, int jobs, Progress progress) {
    List<FunctionFacts> all = Collections.synchronizedList(new ArrayList<>());
    java.util.Set<String> scanned = ConcurrentHashMap.newKeySet();
    try (WorkPool pool = new WorkPool("scanning", jobs)) {
      java.util.function.Consumer<String> scan = path -> {
        if (scanned.add(path)) {
          pool.submit(() -> {
            String text = SourceTree.text(root.resolve(path));
            for (FileScanner.GuardClass g : FileScanner.guardClasses(text)) {
              guards.putIfAbsent(g.name(), g);
            }
            ops.addAll(OpsTables.scan(text, path));
            all.addAll(FileScanner.scan(text, defs.names().of(path), defs.functionsIn(path), defs.names(), primitives));
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
}
