package dev.lockxref.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "what could make the holder of this lock block?": for every acquisition site of the
 * lock, the calls made while it is held that may wait, of which kind, with the chain down to the
 * waiting call; and the other locks taken while it is held, with the cycles they close.
 */
public final class Held {
  /**
   * The answer for one lock.
   *
   * @param sites the acquisition sites, those with the most telling waits first
   * @param lockOrder locks taken while this one is held, and locks held while this one is taken
   * @param cycles lock order both ways: a possible deadlock
   */
  public record Answer(String identity, String readAs, int siteCount, int blockingSiteCount, List<SiteAnswer> sites,
      List<OrderEdge> lockOrder, List<Cycle> cycles) {}

  /**
   * One acquisition site.
   *
   * @param callsWhileHeld how many calls the region makes
   * @param blocking those that may wait, most telling first
   */
  public record SiteAnswer(LockSite site, int endLine, String status, int callsWhileHeld, int blockingCount,
      List<BlockingCall> blocking, List<HeldRegion.NestedLock> nested) {}

  /**
   * A call made while held that may wait.
   *
   * @param kind the most telling kind it may wait on (or the one asked for)
   * @param describe that kind in words
   * @param distance how many calls down the waiting call is
   * @param otherKinds the other kinds it may wait on
   * @param chain the calls from the held region down to the waiting call, with file:line of each
   */
  public record BlockingCall(String callee, int line, String kind, String describe, int distance, List<String> otherKinds,
      List<BlockingChains.Step> chain, @com.fasterxml.jackson.annotation.JsonIgnore HeldRegion.Wait evidence) {}

  /** FIRST is held while THEN is taken, at FILE:LINE in FUNCTION ("direct", or the call that takes it). */
  public record OrderEdge(String first, String then, String file, int line, String function, String how, String thenFile) {}

  /** This lock is taken while OTHER is held, and OTHER while this one is held. */
  public record Cycle(String other, OrderEdge thisThenOther, OrderEdge otherThenThis) {}

  /**
   * What to show.
   *
   * @param function only sites in this function (null: all)
   * @param kind only waits of this kind (null: all)
   * @param through chains must pass through these functions, in order (empty: the shortest chains)
   * @param chainsFor how many sites, most telling first, get their chains (0: all)
   * @param sitesShown how many sites, most telling first, the answer lists (0: all)
   * @param callsShown how many blocking calls of each site, most telling first, the answer lists (0: all)
   */
  public record Filter(String function, String kind, List<String> through, int chainsFor, int sitesShown, int callsShown) {
    public static final Filter ALL = new Filter(null, null, List.of(), 0, 0, 0);

    public Filter(String function, String kind, List<String> through) {
      this(function, kind, through, 0, 0, 0);
    }
  }

  private static final java.util.Set<String> OBJECT_LOCKS = java.util.Set.of("struct page", "struct folio", "struct buffer_head");

  private final LockIndex index;
  private final BlockingRules rules = BlockingRules.standard();
  private final BlockingChains chains;

  public Held(LockIndex index) {
    this(index, new BlockingChains(index));
  }

  /** With CHAINS shared between questions (a server's). */
  public Held(LockIndex index, BlockingChains chains) {
    this.index = index;
    this.chains = chains;
  }

  public List<Answer> ask(String query, Filter filter) {
    List<Answer> out = new ArrayList<>();
    for (WhoTakes.Answer a : new WhoTakes(index).ask(query)) {
      out.add(answer(a.identity(), a.readAs(), filter));
    }
    return out;
  }

  private Answer answer(String identity, String readAs, Filter filter) {
    return answer(identity, readAs, filter, index.held(identity), true);
  }

  /**
   * The answer for IDENTITY from its acquisition sites HELD, already read from the index, without
   * the locks held while this one is taken (their search reads much of the index).
   */
  public Answer answer(String identity, String readAs, Filter filter, List<LockIndex.HeldSite> held) {
    return answer(identity, readAs, filter, held, false);
  }

  private Answer answer(String identity, String readAs, Filter filter, List<LockIndex.HeldSite> held, boolean reverseOrder) {
    List<SiteAnswer> sites = new ArrayList<>();
    List<OrderEdge> order = new ArrayList<>();
    for (LockIndex.HeldSite h : held) {
      LockSite s = h.site();
      if (!h.region().unbalanced()) {
        for (HeldRegion.NestedLock n : h.region().nested()) {
          order.add(new OrderEdge(identity, n.identity(), s.file(), n.line(), s.function(), n.how(), n.file()));
        }
      }
      if (filter.function() != null && !filter.function().equals(s.function())) {
        continue;
      }
      List<BlockingCall> blocking = new ArrayList<>();
      for (HeldRegion.HeldCall c : h.region().calls()) {
        BlockingCall b = blockingCall(s, c, filter);
        if (b != null) {
          blocking.add(b);
        }
      }
      blocking.sort(Comparator.comparingInt((BlockingCall b) -> rules.rank(b.kind())).thenComparingInt(BlockingCall::distance)
          .thenComparingInt(BlockingCall::line));
      int blockingCount = blocking.size();
      if (filter.callsShown() > 0 && blocking.size() > filter.callsShown()) {
        blocking = new ArrayList<>(blocking.subList(0, filter.callsShown()));
      }
      sites.add(new SiteAnswer(s, h.region().endLine(), h.region().status(), h.region().calls().size(), blockingCount,
          blocking, h.region().nested()));
    }
    sites.sort(Comparator.comparingInt(Held::bestRank).thenComparingInt(Held::bestDistance)
        .thenComparing(x -> x.site().file()).thenComparingInt(x -> x.site().line()));
    if (filter.through().isEmpty()) {
      int n = filter.chainsFor() <= 0 ? sites.size() : Math.min(filter.chainsFor(), sites.size());
      for (int i = 0; i < n; i++) {
        sites.set(i, withChains(sites.get(i)));
      }
    }
    List<OrderEdge> reverse = new ArrayList<>();
    for (LockIndex.HeldSite h : reverseOrder ? index.holdingWhileTaking(identity) : List.<LockIndex.HeldSite>of()) {
      if (h.region().unbalanced()) {
        continue; // an unbalanced region says nothing sure about lock order
      }
      for (HeldRegion.NestedLock n : h.region().nested()) {
        if (n.identity().equals(identity)) {
          reverse.add(new OrderEdge(h.site().identity(), identity, h.site().file(), n.line(), h.site().function(), n.how(), n.file()));
        }
      }
    }
    order.addAll(reverse);
    Map<String, OrderEdge> byPair = new LinkedHashMap<>();
    order.forEach(e -> byPair.putIfAbsent(e.first() + "\0" + e.then(), e));
    List<OrderEdge> distinct = List.copyOf(byPair.values());
    int blockingSites = (int) sites.stream().filter(x -> !x.blocking().isEmpty()).count();
    List<SiteAnswer> shown = filter.sitesShown() > 0 && sites.size() > filter.sitesShown()
        ? List.copyOf(sites.subList(0, filter.sitesShown())) : sites;
    return new Answer(identity, readAs, sites.size(), blockingSites, shown, distinct, cycles(identity, order));
  }

  private static int bestRank(SiteAnswer s) {
    return s.blocking().isEmpty() ? Integer.MAX_VALUE : BlockingRules.standard().rank(s.blocking().get(0).kind());
  }

  private static int bestDistance(SiteAnswer s) {
    return s.blocking().isEmpty() ? Integer.MAX_VALUE : s.blocking().get(0).distance();
  }

  /**
   * Pairs of edges A then B and B then A; one cycle per other lock. Locks that are whole objects
   * (a page, a folio, a buffer) are many locks under one identity: their order is not a cycle. Nor
   * is an edge whose second lock was taken with a lockdep subclass (lock_rename's
   * {@code inode_lock_nested(p1, I_MUTEX_PARENT)}): lockdep orders it as a class of its own. Nor a
   * pair that takes a lock keyed by file system type for two different types ({@link LockClasses}).
   */
  private static List<Cycle> cycles(String identity, List<OrderEdge> order) {
    if (OBJECT_LOCKS.contains(identity)) {
      return List.of();
    }
    Map<String, List<OrderEdge>> forward = new LinkedHashMap<>();
    Map<String, List<OrderEdge>> backward = new LinkedHashMap<>();
    for (OrderEdge e : order) {
      if (HeldRegion.marksSubclass(e.how())) {
        continue;
      }
      if (e.first().equals(identity) && !e.then().equals(identity)) {
        forward.computeIfAbsent(e.then(), k -> new ArrayList<>()).add(e);
      } else if (e.then().equals(identity) && !e.first().equals(identity)) {
        backward.computeIfAbsent(e.first(), k -> new ArrayList<>()).add(e);
      }
    }
    List<Cycle> out = new ArrayList<>();
    forward.forEach((other, edges) -> {
      if (!OBJECT_LOCKS.contains(other) && backward.containsKey(other)) {
        Cycle c = firstOfOneClass(identity, other, edges, backward.get(other));
        if (c != null) {
          out.add(c);
        }
      }
    });
    return out;
  }

  /** The first pair of THIS_THEN_OTHER and OTHER_THEN_THIS edges that can be about one pair of classes, or null. */
  private static Cycle firstOfOneClass(String identity, String other, List<OrderEdge> thisThenOther, List<OrderEdge> otherThenThis) {
    for (OrderEdge e : thisThenOther) {
      for (OrderEdge back : otherThenThis) {
        if (oneClass(identity, other, e, back)) {
          return new Cycle(other, e, back);
        }
      }
    }
    return null;
  }

  /**
   * Whether THIS_THEN_OTHER and OTHER_THEN_THIS can be about the same two lockdep classes: each
   * lock held by one and taken by the other for one file system type, where its class is the type's.
   */
  private static boolean oneClass(String identity, String other, OrderEdge thisThenOther, OrderEdge otherThenThis) {
    LockClasses classes = LockClasses.standard();
    return classes.maySameClass(identity, thisThenOther.file(), otherThenThis.thenFile())
        && classes.maySameClass(other, thisThenOther.thenFile(), otherThenThis.file());
  }

  private BlockingCall blockingCall(LockSite s, HeldRegion.HeldCall c, Filter filter) {
    List<HeldRegion.Wait> waits = new ArrayList<>(c.waits());
    waits.removeIf(w -> filter.kind() != null && !w.kind().equals(filter.kind()));
    if (waits.isEmpty()) {
      return null;
    }
    waits.sort(Comparator.comparingInt((HeldRegion.Wait w) -> rules.rank(w.kind())).thenComparingInt(HeldRegion.Wait::distance));
    HeldRegion.Wait best = waits.get(0);
    // without waypoints the chains of the sites shown are filled in after sorting (withChains)
    List<BlockingChains.Step> chain = filter.through().isEmpty() ? List.of() : chain(s, c, best, filter.through());
    if (chain.isEmpty() && !filter.through().isEmpty()) {
      return null;
    }
    List<String> others = waits.stream().skip(1).map(HeldRegion.Wait::kind).toList();
    return new BlockingCall(c.callee(), c.line(), best.kind(), rules.describe(best.kind()),
        filter.through().isEmpty() ? best.distance() : chain.size(), others, chain, best);
  }

  /** SITE with the chain of each blocking call filled in. */
  private SiteAnswer withChains(SiteAnswer s) {
    List<BlockingCall> out = new ArrayList<>();
    for (BlockingCall b : s.blocking()) {
      HeldRegion.Wait w = b.evidence();
      out.add(new BlockingCall(b.callee(), b.line(), b.kind(), b.describe(), b.distance(), b.otherKinds(),
          chain(s.site(), new HeldRegion.HeldCall(b.callee(), b.line(), List.of(w)), w, List.of()), w));
    }
    return new SiteAnswer(s.site(), s.endLine(), s.status(), s.callsWhileHeld(), s.blockingCount(), out, s.nested());
  }

  /** The chain from the held call down to the waiting call. */
  private List<BlockingChains.Step> chain(LockSite s, HeldRegion.HeldCall c, HeldRegion.Wait w, List<String> through) {
    String through0 = c.indirect() ? c.callee() : null;
    if (w.via() == null) {
      return List.of(new BlockingChains.Step(s.function(), s.file(), c.line(), null, null, null, w.evidence()));
    }
    List<BlockingChains.Step> out = new ArrayList<>();
    if (through.isEmpty()) {
      out.add(new BlockingChains.Step(s.function(), s.file(), c.line(), w.via(), w.viaFile(), through0, null));
      String function = w.via();
      String file = w.viaFile();
      for (BlockingStep r : w.route()) {
        boolean waitsHere = r.callee() == null;
        out.add(new BlockingChains.Step(function, file, r.line(), r.callee(), r.calleeFile(), waitsHere ? null : r.evidence(),
            waitsHere ? r.evidence() : null));
        if (waitsHere) {
          return out;
        }
        function = r.callee();
        file = r.calleeFile();
      }
      LockIndex.FunctionRef via = index.calledFrom(function, file);
      List<BlockingChains.Step> rest = via == null ? List.of() : chains.chain(via, w.kind());
      out.addAll(rest);
      return rest.isEmpty() ? List.of() : out;
    }
    List<LockIndex.FunctionRef> starts = new ArrayList<>(targetsOf(s, c));
    starts.sort(Comparator.comparing(f -> !f.name().equals(through.get(0))));
    for (LockIndex.FunctionRef start : starts) {
      List<BlockingChains.Step> rest = chains.chainThrough(start, through, w.kind());
      if (!rest.isEmpty()) {
        out.add(new BlockingChains.Step(s.function(), s.file(), c.line(), start.name(), start.file(), through0, null));
        out.addAll(rest);
        return out;
      }
    }
    return List.of();
  }

  /** The functions a held call may reach: its callee, or every candidate of an ops-table call. */
  private List<LockIndex.FunctionRef> targetsOf(LockSite s, HeldRegion.HeldCall c) {
    if (!c.indirect()) {
      LockIndex.FunctionRef f = index.calledFrom(c.callee(), s.file());
      return f == null ? List.of() : List.of(f);
    }
    LockIndex.FunctionRef self = index.calledFrom(s.function(), s.file());
    List<LockIndex.FunctionRef> out = new ArrayList<>();
    if (self == null) {
      return out;
    }
    for (LockIndex.Edge e : index.callsOf(self)) {
      if (e.line() == c.line() && c.callee().equals(e.through())) {
        LockIndex.FunctionRef f = index.calledFrom(e.callee(), e.calleeFile());
        if (f != null) {
          out.add(f);
        }
      }
    }
    return out;
  }
}
