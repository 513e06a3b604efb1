package dev.lockxref.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Every document a query matches (up to a limit), in index order, with no scoring: the index's
 * questions want all matches, and a top-N search would fill a queue of N entries for each of the
 * thousands of lookups a join makes.
 */
final class MatchingDocs {
  private MatchingDocs() {}

  /** The index-wide ids of the documents Q matches, at most LIMIT of them. */
  static int[] of(IndexSearcher searcher, Query q, int limit) throws IOException {
    List<int[]> perLeaf = searcher.search(q, new Manager(limit));
    int total = 0;
    for (int[] ids : perLeaf) {
      total += ids.length;
    }
    int[] out = new int[Math.min(total, limit)];
    int n = 0;
    for (int[] ids : perLeaf) {
      for (int i = 0; i < ids.length && n < out.length; i++) {
        out[n++] = ids[i];
      }
    }
    return out;
  }

  private record Manager(int limit) implements CollectorManager<Gatherer, List<int[]>> {
    @Override
    public Gatherer newCollector() {
      return new Gatherer(limit);
    }

    @Override
    public List<int[]> reduce(Collection<Gatherer> collectors) {
      List<int[]> out = new ArrayList<>();
      for (Gatherer g : collectors) {
        out.add(java.util.Arrays.copyOf(g.ids, g.size));
      }
      return out;
    }
  }

  private static final class Gatherer extends SimpleCollector {
    private final int limit;
    private int[] ids = new int[16];
    private int size;
    private int docBase;

    Gatherer(int limit) {
      this.limit = limit;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
      docBase = context.docBase;
    }

    @Override
    public void collect(int doc) {
      if (size == limit) {
        throw new CollectionTerminatedException();
      }
      if (size == ids.length) {
        ids = java.util.Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = docBase + doc;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
