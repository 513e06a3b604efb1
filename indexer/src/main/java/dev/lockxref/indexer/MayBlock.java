package dev.lockxref.indexer;

import dev.lockxref.index.BlockingRules;
import dev.lockxref.index.BlockingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which functions may wait, of which kind, and the first step of the shortest chain down to the
 * waiting call: a breadth-first search per kind, backwards over the call graph from the calls
 * that wait by themselves. It does not go back through a function that never returns (panic):
 * its callers do not wait because of it; nor through a waiting function (schedule, msleep): its
 * callers wait of its kind. A function made to be called where nothing may sleep (printk) waits on
 * nothing, whatever its ops tables reach.
 */
public final class MayBlock {
  private final CallGraph graph;
  private final List<String> kinds;
  /** [kind][node]: calls down to the waiting call, 0 when the node cannot reach one */
  private final int[][] distance;
  /** [kind][node]: the edge the chain goes on through, -1 when the node's own call waits */
  private final int[][] next;
  /** [node][kind]: the node's own first waiting call of that kind, or null */
  private final Evidence[][] evidence;

  private record Evidence(int line, String text) {}

  private MayBlock(CallGraph graph, List<String> kinds) {
    this.graph = graph;
    this.kinds = kinds;
    int n = graph.size();
    this.distance = new int[kinds.size()][n];
    this.next = new int[kinds.size()][n];
    this.evidence = new Evidence[n][];
  }

  public static MayBlock compute(CallGraph graph, WaitingCalls waiting, BlockingRules rules,
      Map<FunctionFacts, List<LockSiteFinder.KeyedSite>> sites) {
    MayBlock m = new MayBlock(graph, rules.kinds());
    boolean[] neverWaits = new boolean[graph.size()];
    boolean[] endsChains = new boolean[graph.size()];
    for (int n = 0; n < graph.size(); n++) {
      String name = graph.targets().at(n).function().name();
      neverWaits[n] = rules.neverWaits(name);
      // a waiting call is the end of a chain: its callers wait of its kind, not of whatever its body
      // reaches (schedule() flushes the block plug, and that is no reason to say a sleep waits for disk IO)
      // and a lock primitive waits as its kind says, not as some configuration's body would
      endsChains[n] = rules.neverReturns(name) || rules.waitKind(name) != null || waiting.waitsAsItsKindSays(name);
    }
    m.findEvidence(waiting, sites, neverWaits);
    int[] source = graph.sources();
    int[][] reverse = graph.incoming();
    // each kind's search writes only its own rows
    java.util.stream.IntStream.range(0, m.kinds.size()).parallel().forEach(k -> m.search(k, source, reverse, neverWaits, endsChains));
    return m;
  }

  private void findEvidence(WaitingCalls waiting, Map<FunctionFacts, List<LockSiteFinder.KeyedSite>> sites,
      boolean[] neverWaits) {
    CallTargets targets = graph.targets();
    // each node's own calls decide its own entries only: every core takes a share of the nodes
    java.util.stream.IntStream.range(0, graph.size()).parallel().forEach(n -> {
      if (neverWaits[n]) {
        return;
      }
      FunctionFacts f = targets.at(n);
      List<LockSiteFinder.KeyedSite> own = sites.getOrDefault(f, List.of());
      for (Call c : f.calls()) {
        WaitingCalls.Waiting w = waiting.of(c, own);
        if (w == null) {
          continue;
        }
        int k = kinds.indexOf(w.kind());
        if (evidence[n] == null) {
          evidence[n] = new Evidence[kinds.size()];
        }
        if (evidence[n][k] == null) {
          evidence[n][k] = new Evidence(c.line(), w.evidence());
          distance[k][n] = 1;
          next[k][n] = -1;
        }
      }
    });
  }

  private void search(int k, int[] source, int[][] reverse, boolean[] neverWaits, boolean[] endsChains) {
    int n = graph.size();
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
      if (distance[k][i] == 1) {
        queue[tail++] = i;
      }
    }
    while (head < tail) {
      int g = queue[head++];
      if (endsChains[g]) {
        continue;
      }
      for (int e : reverse[g]) {
        int f = source[e];
        if (distance[k][f] == 0 && !neverWaits[f] && !graph.quiet(e)) {
          distance[k][f] = distance[k][g] + 1;
          next[k][f] = e;
          queue[tail++] = f;
        }
      }
    }
  }

  /** How many calls down NODE may wait of KIND, 0 when it cannot. */
  public int distance(int node, String kind) {
    int k = kinds.indexOf(kind);
    return k < 0 ? 0 : distance[k][node];
  }

  public List<String> kinds() {
    return kinds;
  }

  /** The first step of each of NODE's chains, one per kind it may wait on. */
  public List<BlockingStep> steps(int node) {
    List<BlockingStep> out = new ArrayList<>();
    for (int k = 0; k < kinds.size(); k++) {
      int d = distance[k][node];
      if (d == 0) {
        continue;
      }
      int e = next[k][node];
      if (e < 0) {
        Evidence ev = evidence[node][k];
        out.add(new BlockingStep(kinds.get(k), d, ev.line(), null, null, ev.text()));
      } else {
        Definitions.Function g = graph.targets().at(graph.target(e)).function();
        String through = graph.member(e) == null ? null : "->" + graph.member(e);
        out.add(new BlockingStep(kinds.get(k), d, graph.line(e), g.name(), g.path(), through));
      }
    }
    return out;
  }

  /**
   * The identity a node's chain of kind "lock" ends in, following it down, or null; null too when
   * the chain goes through an ops table (one of many candidates is no lock order).
   */
  public String lockAtEnd(int node) {
    String call = lockCallAtEnd(node);
    return call == null ? null : call.substring(call.indexOf('(') + 1, call.length() - 1);
  }

  /** The waiting call a node's chain of kind "lock" ends in ({@code down_write_nested(struct inode.i_rwsem)}), or null as for {@link #lockAtEnd}. */
  public String lockCallAtEnd(int node) {
    LockChainEnd end = lockChainEnd(node, n -> false);
    return end == null ? null : lockCallOf(end);
  }

  /** The waiting call that ends a chain of kind "lock" at END. */
  public String lockCallOf(LockChainEnd end) {
    return evidence[end.node()][kinds.indexOf("lock")].text();
  }

  /**
   * Where a chain of kind "lock" ends.
   *
   * @param node the node whose own call takes the lock
   * @param taker the last node on the way that is not a wrapper: the code that says whose lock it
   *     takes ({@code set_blocksize}, not the {@code inode_lock} it calls)
   */
  public record LockChainEnd(int node, int taker) {}

  /** Where NODE's chain of kind "lock" ends, WRAPPERS telling which nodes are lock wrappers; null as for {@link #lockAtEnd}. */
  public LockChainEnd lockChainEnd(int node, java.util.function.IntPredicate wrappers) {
    int k = kinds.indexOf("lock");
    int cur = node;
    int taker = node;
    for (int guard = 0; k >= 0 && guard < 64 && distance[k][cur] > 0; guard++) {
      if (!wrappers.test(cur)) {
        taker = cur;
      }
      int e = next[k][cur];
      if (e < 0) {
        return new LockChainEnd(cur, taker);
      }
      if (graph.member(e) != null) {
        return null;
      }
      cur = graph.target(e);
    }
    return null;
  }
}
