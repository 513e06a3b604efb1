package dev.lockxref.indexer;

import dev.lockxref.UserError;
import dev.lockxref.index.IndexInfo;
import dev.lockxref.index.IndexSchema;
import dev.lockxref.index.LockSite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/** Writes an analysed tree as the index's Lucene documents: functions, lock sites, init sites and the description. */
final class DocumentWriter {
  /** Documents a writer thread takes at a time. */
  private static final int CHUNK = 2048;

  private DocumentWriter() {}

  /** Adds the function document of FACTS[N]; the number of calls it lists. */
  private static int addFunction(IndexWriter w, AnalysedTree tree, int n) throws IOException {
    CallGraph graph = tree.graph();
    FunctionFacts facts = tree.facts().get(n);
    Definitions.Function fn = facts.function();
    List<CallEdge> calls = tree.edges().of(facts);
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
    w.addDocument(IndexSchema.function(fn.name(), fn.path(), fn.line(), fn.end(), fn.fileScope(), fn.macro(), facts.tier(),
        List.copyOf(callees), stored.toString(), tree.mayBlock().steps(n)));
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
  private static long addAll(IndexWriter w, AnalysedTree tree, int writers, Progress progress) {
    java.util.concurrent.atomic.AtomicLong listed = new java.util.concurrent.atomic.AtomicLong();
    List<Chunk> chunks = new ArrayList<>();
    int functions = tree.facts().size();
    for (int from = 0; from < functions; from += CHUNK) {
      int first = from;
      int end = Math.min(functions, from + CHUNK);
      chunks.add(() -> {
        for (int n = first; n < end; n++) {
          listed.addAndGet(addFunction(w, tree, n));
        }
        progress.advance(end - first);
      });
    }
    List<LockSite> sites = tree.found().sites();
    for (int from = 0; from < sites.size(); from += CHUNK) {
      int first = from;
      int end = Math.min(sites.size(), from + CHUNK);
      chunks.add(() -> {
        for (int n = first; n < end; n++) {
          w.addDocument(IndexSchema.site(sites.get(n), tree.regions().get(sites.get(n)), n));
        }
        progress.advance(end - first);
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
  static IndexInfo write(Path dir, AnalysedTree tree, int writers, java.util.function.LongFunction<IndexInfo> info,
      Progress progress) {
    List<FunctionFacts> facts = tree.facts();
    LockSiteFinder.Result found = tree.found();
    IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        // written once and never updated: no compound files to copy everything into at the end
        .setUseCompoundFile(false)
        .setRAMBufferSizeMB(128);
    progress.phase("write", facts.size() + found.sites().size());
    IndexInfo made;
    try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), config)) {
      made = info.apply(addAll(w, tree, writers, progress));
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
