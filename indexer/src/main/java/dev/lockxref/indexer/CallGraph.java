package dev.lockxref.indexer;

import dev.lockxref.index.BlockingRules;
import java.util.List;

/**
 * Who calls whom among the tree's functions: direct calls by name (a file's own static function
 * first), and calls through ops-table members resolved to the functions the tree's designated
 * initializers put in that member of that structure. Nodes are positions in the function list.
 */
public final class CallGraph {
  private final CallTargets targets;
  /** edges of node n are [first[n], first[n + 1]) */
  private final int[] first;
  private final int[] target;
  private final int[] line;
  /** the member of an indirect edge, null for a direct one */
  private final String[] member;
  /** the edges through a member made never to wait ({@code struct irq_chip.irq_mask}): they carry no waiting */
  private final java.util.BitSet quiet;
  private final int unresolvedIndirect;
  private int[] sources;
  private int[][] incoming;

  private CallGraph(CallTargets targets, int[] first, IntList target, IntList line, List<String> member,
      java.util.BitSet quiet, int unresolved) {
    this.targets = targets;
    this.quiet = quiet;
    this.first = first;
    this.target = target.toArray();
    this.line = line.toArray();
    this.member = member.toArray(new String[0]);
    this.unresolvedIndirect = unresolved;
  }

  /**
   * The graph of TARGETS' calls; calls for which QUIET holds (allocations with GFP_ATOMIC) are
   * left out: what their callee does with other flags does not happen on that call. So are the
   * calls through members RULES call anyone's callbacks ({@code notifier_call}: every such function
   * of the tree would be a candidate); those through members made never to wait are marked quiet.
   */
  public static CallGraph build(CallTargets targets, OpsTables ops, LockExpressionResolver resolver,
      java.util.function.Predicate<Call> quiet, BlockingRules rules) {
    int n = targets.size();
    int[] first = new int[n + 1];
    IntList target = new IntList();
    IntList line = new IntList();
    List<String> member = new java.util.ArrayList<>();
    int unresolved = 0;
    // resolving a receiver's type is the costly part, and each call's own: done on every core first
    @SuppressWarnings("unchecked")
    List<Reached>[] reached = new List[n];
    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
      FunctionFacts f = targets.at(i);
      reached[i] = f.indirectCalls().isEmpty() ? List.of()
          : f.indirectCalls().stream().map(c -> candidates(c, f, ops, resolver, rules)).toList();
    });
    java.util.BitSet quietEdges = new java.util.BitSet();
    for (int i = 0; i < n; i++) {
      first[i] = target.size();
      FunctionFacts f = targets.at(i);
      for (int k = 0; k < f.calls().size(); k++) {
        Call c = f.calls().get(k);
        int j = targets.target(i, k);
        if (j >= 0 && j != i && !quiet.test(c)) {
          target.add(j);
          line.add(c.line());
          member.add(null);
        }
      }
      for (int k = 0; k < f.indirectCalls().size(); k++) {
        IndirectCall c = f.indirectCalls().get(k);
        Reached r = reached[i].get(k);
        if (r.candidates().isEmpty()) {
          unresolved++;
        }
        for (OpsTables.Entry e : r.candidates()) {
          int j = targets.positionOf(e.function(), e.path());
          if (j >= 0 && j != i) {
            quietEdges.set(target.size(), r.quiet());
            target.add(j);
            line.add(c.line());
            member.add(c.member());
          }
        }
      }
    }
    first[n] = target.size();
    return new CallGraph(targets, first, target, line, member, quietEdges, unresolved);
  }

  /** The functions a call through a member may reach: by the receiver's structure type, else by a member name only one structure has. */
  /** The functions an indirect call may reach, and whether the member it calls through is made never to wait. */
  private record Reached(List<OpsTables.Entry> candidates, boolean quiet) {}

  private static Reached candidates(IndirectCall c, FunctionFacts f, OpsTables ops, LockExpressionResolver resolver,
      BlockingRules rules) {
    String struct = resolver.aggregateOf(c.receiver(), f.function().path(), f.function().name());
    if (struct == null) {
      struct = ops.onlyStructWith(c.member());
    }
    if (struct == null || rules.anyonesCallback(struct, c.member())) {
      return new Reached(List.of(), false);
    }
    return new Reached(ops.candidates(struct, c.member()), rules.neverWaitsThrough(struct, c.member()));
  }

  public int size() {
    return first.length - 1;
  }

  public int firstEdge(int node) {
    return first[node];
  }

  public int endEdge(int node) {
    return first[node + 1];
  }

  public int target(int edge) {
    return target[edge];
  }

  public int line(int edge) {
    return line[edge];
  }

  /** Whether EDGE goes through a member made never to wait: what its target waits on is no wait of the caller's. */
  public boolean quiet(int edge) {
    return quiet.get(edge);
  }

  /** The member called through for an indirect edge, or null. */
  public String member(int edge) {
    return member[edge];
  }

  public int edgeCount() {
    return target.length;
  }

  public int unresolvedIndirectCalls() {
    return unresolvedIndirect;
  }

  public CallTargets targets() {
    return targets;
  }

  /** The node each edge starts from; made once. */
  public synchronized int[] sources() {
    if (sources == null) {
      int[] source = new int[target.length];
      for (int n = 0; n < size(); n++) {
        for (int e = first[n]; e < first[n + 1]; e++) {
          source[e] = n;
        }
      }
      sources = source;
    }
    return sources;
  }

  /** For each node, the edges that end in it (edge indices, an array per node); made once. */
  public synchronized int[][] incoming() {
    if (incoming == null) {
      int[] count = new int[size()];
      for (int t : target) {
        count[t]++;
      }
      int[][] in = new int[size()][];
      for (int i = 0; i < in.length; i++) {
        in[i] = new int[count[i]];
        count[i] = 0;
      }
      for (int e = 0; e < target.length; e++) {
        in[target[e]][count[target[e]]++] = e;
      }
      incoming = in;
    }
    return incoming;
  }

  /** A growable int array: millions of edges do not fit well in boxed lists. */
  static final class IntList {
    private int[] a = new int[1024];
    private int size;

    void add(int v) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, size);
    }
  }
}
