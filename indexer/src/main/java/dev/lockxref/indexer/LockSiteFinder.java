package dev.lockxref.indexer;

import dev.lockxref.index.LockSite;
import dev.lockxref.index.Primitive;
import dev.lockxref.index.Primitives;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns function bodies into lock sites, init sites and call edges, then infers wrappers: a
 * function that takes a lock and returns without releasing it is an acquire wrapper (and one that
 * releases a lock it did not take, a release wrapper), and its callers take that lock through it.
 */
public final class LockSiteFinder {
  static final Set<String> INIT = WordSet.of("mutex_init", "__mutex_init", "init_rwsem", "__init_rwsem",
      "spin_lock_init", "raw_spin_lock_init", "rwlock_init", "sema_init", "seqlock_init", "percpu_init_rwsem",
      "__spin_lock_init", "__raw_spin_lock_init", "__rwlock_init", "seqcount_init");
  static final Set<String> SET_CLASS = WordSet.of("lockdep_set_class", "lockdep_set_class_and_name",
      "lockdep_set_class_and_subclass", "lockdep_set_novalidate_class");

  private final Definitions defs;
  private final Primitives primitives;
  private final Map<String, FileScanner.GuardClass> guardClasses;
  private final LockExpressionResolver resolver;

  /**
   * What was found.
   *
   * @param byFunction each function's sites (direct and through wrappers), with what makes two of them one lock
   */
  public record Result(List<LockSite> sites, List<InitSite> inits, Map<String, Wrapper> wrappers,
      Map<FunctionFacts, List<KeyedSite>> byFunction) {}

  /**
   * A site and what makes it the same lock as another site of its function: its identity, or the
   * parameter it came from (null when neither is known).
   */
  public record KeyedSite(LockSite site, String lockKey) {}

  /**
   * An inferred wrapper.
   *
   * @param function its name
   * @param file where it is defined
   * @param fileScope static: only callers in the same file use it
   * @param kind the lock kind
   * @param operation acquire, try or release
   * @param mode exclusive or shared
   * @param identity the identity it takes, or null when that comes from its caller's argument
   * @param parameter which parameter carries the lock when identity is null
   * @param when the flags that choose this lock, or null when the wrapper takes (or drops) it whatever its caller passes
   * @param subclass whether it takes the lock with a lockdep subclass ({@code inode_lock_nested}, or a
   *     wrapper of it such as {@code lock_two_directories})
   */
  public record Wrapper(String function, String file, boolean fileScope, String kind, String operation, String mode,
      String identity, int parameter, int depth, Condition when, boolean subclass) {}

  /**
   * A lock a wrapper takes only when its caller passes one of FLAGS in its PARAMETER-th argument
   * ({@code xfs_ilock(ip, XFS_ILOCK_EXCL)} takes the inode's ilock, not its i_rwsem).
   */
  public record Condition(int parameter, Set<String> flags) {
    /** Whether a call with these arguments takes the lock: yes unless the argument is flags, none of them these. */
    boolean holdsFor(List<String> args) {
      if (args.size() <= parameter) {
        return true;
      }
      String arg = args.get(parameter).strip();
      if (arg.equals("0")) {
        return false;
      }
      boolean anyFlag = false;
      for (String word : words(arg)) {
        if (!Branches.isFlag(word)) {
          return true; // a variable or an expression: whichever flags it holds
        }
        anyFlag = true;
        if (flags.contains(word)) {
          return true;
        }
      }
      return !anyFlag;
    }

    /** Whether the argument is written as flags (or 0), so that it decides; a variable does not. */
    boolean decidedBy(List<String> args) {
      if (args.size() <= parameter) {
        return false;
      }
      for (String word : words(args.get(parameter))) {
        if (!word.equals("0") && !Branches.isFlag(word)) {
          return false;
        }
      }
      return true;
    }

    /** The names and numbers an argument is written with ({@code A | (B)}: A, B). */
    private static List<String> words(String arg) {
      List<String> out = new ArrayList<>();
      for (String word : arg.strip().split("[\\s|()]+")) {
        if (!word.isEmpty()) {
          out.add(word);
        }
      }
      return out;
    }
  }

  /**
   * How many wrapper levels a wrapper may stand on: release helpers call release helpers rarely,
   * while "release without acquire" spreads far up the call graph when an identity is reached two
   * ways; acquire wrappers nest deeper (lock_rename, lock_two_directories, inode_lock_nested).
   */
  private static final int MAX_RELEASE_DEPTH = 2;
  private static final int MAX_ACQUIRE_DEPTH = 4;

  private final CallTargets targets;
  /** The macros of one lock operation on their parameters ({@code xa_lock_irq}) */
  private final LockMacros lockMacros;
  /** The wrappers decided so far that take their lock with a lockdep subclass, by name */
  private final Set<String> subclassWrappers = new java.util.HashSet<>();

  public LockSiteFinder(Definitions defs, Primitives primitives, Map<String, FileScanner.GuardClass> guardClasses,
      CallTargets targets) {
    this.targets = targets;
    this.defs = defs;
    this.primitives = primitives;
    this.guardClasses = guardClasses;
    this.resolver = new LockExpressionResolver(defs, LockAccessors.of(targets, defs));
    this.lockMacros = LockMacros.of(targets, primitives);
  }

  /**
   * A site with the parameter its lock came from (for wrapper inference), kept per function, and
   * how many wrappers it goes through (0 for a primitive called directly).
   */
  private record Found(LockSite site, int parameter, int depth, Condition when, boolean unsure) {
    Found(LockSite site, int parameter, int depth, Condition when) {
      this(site, parameter, depth, when, false);
    }
  }

  public Result find(List<FunctionFacts> all) {
    // each function's own sites are independent of the others': found on every core
    @SuppressWarnings("unchecked")
    List<Found>[] direct = new List[all.size()];
    @SuppressWarnings("unchecked")
    List<InitSite>[] initsOf = new List[all.size()];
    java.util.stream.IntStream.range(0, all.size()).parallel().forEach(i -> {
      initsOf[i] = new ArrayList<>(0);
      direct[i] = directSites(all.get(i), initsOf[i]);
    });
    List<InitSite> inits = new ArrayList<>();
    for (List<InitSite> of : initsOf) {
      inits.addAll(of);
    }
    Map<String, Wrapper> wrappers = inferWrappers(all, direct);
    List<LockSite> sites = new ArrayList<>();
    // FunctionFacts are records holding every call: an identity map, not equals/hashCode over all that
    Map<FunctionFacts, List<KeyedSite>> keyed = new java.util.IdentityHashMap<>();
    for (int i = 0; i < all.size(); i++) { // in the functions' order, not the identity map's: the index keeps this order
      List<Found> list = direct[i];
      list.forEach(x -> sites.add(x.site()));
      if (!list.isEmpty()) {
        keyed.put(all.get(i), list.stream().map(x -> new KeyedSite(x.site(), lockKey(x))).toList());
      }
    }
    sites.sort((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line()) : a.file().compareTo(b.file()));
    inits.addAll(definedLocks());
    return new Result(sites, inits, wrappers, keyed);
  }

  /** The lock sites F calls primitives and guards for (its init sites go to INITS). */
  private List<Found> directSites(FunctionFacts f, List<InitSite> inits) {
    List<Found> found = new ArrayList<>();
    String file = f.function().path();
    String fn = f.function().name();
    boolean macro = f.function().macro();
    for (Call c : f.calls()) {
      Primitive p = primitives.get(c.callee());
      if (p != null) {
        if (c.args().size() > p.lockArgument()) {
          Resolution r = resolver.resolve(c.args().get(p.lockArgument()), file, fn, f.addressOf());
          // a macro's parameters have no types: only a global it names is surely its lock (down_console_sem)
          if (!macro || r.identity().startsWith("global ")) {
            Found x = site(file, c.line(), fn, p, p.name(), c.args().get(p.lockArgument()), null, r);
            found.add(new Found(x.site(), x.parameter(), 0, condition(f, c.line())));
          }
        }
        continue;
      }
      if (macro) {
        continue;
      }
      Found throughMacro = throughLockMacro(f, c);
      if (throughMacro != null) {
        found.add(throughMacro);
        continue;
      }
      if (INIT.contains(c.callee()) && !c.args().isEmpty()) {
        String expr = c.args().get(0);
        inits.add(new InitSite(file, c.line(), fn, c.callee(), expr, resolver.resolve(expr, file, fn).identity()));
        continue;
      }
      if (SET_CLASS.contains(c.callee()) && c.args().size() >= 2) {
        // lockdep names the lock after the key: lockdep_set_class(&inode->i_rwsem, &sb->s_type->i_mutex_key)
        String lock = c.args().get(0);
        inits.add(new InitSite(file, c.line(), fn, c.callee(), c.args().get(1), resolver.resolve(lock, file, fn).identity()));
        continue;
      }
    }
    for (FunctionFacts.GuardUse g : f.guards()) {
      FileScanner.GuardClass cls = guardClasses.get(g.guardClass());
      if (cls == null) {
        continue;
      }
      if (cls.noArgument() || g.args().isEmpty()) {
        // guard(rcu), guard(preempt), guard(irqsave): what they are is a call, not a lock site
        continue;
      }
      Primitive p = primitives.get(cls.lockFunction());
      if (p != null) {
        found.add(site(file, g.line(), fn, p, (g.scoped() ? "scoped_guard(" : "guard(") + g.guardClass() + ")",
            g.args().get(0), null, resolver.resolve(g.args().get(0), file, fn, f.addressOf())));
      }
    }
    return found;
  }

  /** The site of C when it calls a lock macro: its operation, on the lock its arguments give; else null. */
  private Found throughLockMacro(FunctionFacts f, Call c) {
    LockMacros.LockMacro m = LockMacros.fitting(lockMacros.named(c.callee()), c.args());
    if (m == null) {
      return null;
    }
    Primitive p = primitives.get(m.primitive());
    String file = f.function().path();
    String fn = f.function().name();
    Found x = site(file, c.line(), fn, new Primitive(c.callee(), p.kind(), p.operation(), p.mode(), 0), c.callee(),
        String.join(", ", c.args()), null, resolver.resolve(m.lockFor(c.args()), file, fn, f.addressOf()));
    return new Found(x.site(), x.parameter(), 0, condition(f, c.line()));
  }

  private Found site(String file, int line, String fn, Primitive p, String primitive, String expr, String via,
      Resolution given) {
    Resolution r = given != null ? given : resolver.resolve(expr, file, fn);
    LockSite s = new LockSite(file, line, fn, primitive, p.kind(), p.operation(), p.mode(), expr, r.identity(),
        r.resolvedBy(), via);
    return new Found(s, r.parameter(), 0, null);
  }

  /** The flag test of one of F's parameters that LINE is taken under, or null. */
  private Condition condition(FunctionFacts f, int line) {
    String[] test = f.branches().flagTestAt(line);
    if (test == null) {
      return null;
    }
    int parameter = defs.parameterIndex(f.function().path(), f.function().name(), test[0]);
    return parameter < 0 ? null : new Condition(parameter, Set.of(java.util.Arrays.copyOfRange(test, 1, test.length)));
  }

  /**
   * Decides wrappers callee first: each function is looked at after the functions it calls, so its
   * sites through their wrappers are known before it is judged (recursion is cut arbitrarily).
   * FOUND[i] holds the sites of FUNCTIONS[i] and gains those through wrappers; positions are the
   * call targets' own.
   */
  private Map<String, Wrapper> inferWrappers(List<FunctionFacts> functions, List<Found>[] found) {
    @SuppressWarnings("unchecked")
    List<Wrapper>[] decided = new List[functions.size()];
    Map<String, Wrapper> all = new HashMap<>();
    for (int i : calleesFirst(targets)) {
      FunctionFacts f = functions.get(i);
      for (int k = 0; k < targets.callCount(i); k++) {
        int g = targets.target(i, k);
        if (g < 0 || g == i || decided[g] == null) {
          continue;
        }
        Call c = f.calls().get(k);
        if (primitives.get(c.callee()) != null) {
          // a primitive's own site is already found; a definition of its name elsewhere adds nothing
          continue;
        }
        List<String> args = null;
        for (Wrapper w : decided[g]) {
          if (w.when() != null && args == null) {
            args = withFlagLocals(f, c.args());
          }
          if (w.when() == null || w.when().holdsFor(args)) {
            Found x = throughWrapper(f, c, w);
            if (w.when() != null && x.when() == null && !w.when().decidedBy(args)) {
              // flags in a variable: maybe this lock, maybe not; a site, but no ground for a wrapper
              x = new Found(x.site(), x.parameter(), x.depth(), null, true);
            }
            found[i].add(x);
          }
        }
      }
      List<Wrapper> ws = declared(f, found[i], unbalanced(f.function(), found[i]));
      ws.stream().filter(Wrapper::subclass).forEach(w -> subclassWrappers.add(w.function()));
      if (!ws.isEmpty()) {
        decided[i] = ws;
        ws.forEach(w -> all.put(key(w), w));
      }
    }
    return all;
  }

  /**
   * ARGS with each that is one of F's flag locals (not a parameter) read as every flag it may hold:
   * {@code xfs_ilock(ip, iolock)} after {@code iolock = XFS_IOLOCK_EXCL} takes i_rwsem alone.
   */
  private List<String> withFlagLocals(FunctionFacts f, List<String> args) {
    if (f.flagLocals().isEmpty()) {
      return args;
    }
    List<String> out = new ArrayList<>(args);
    for (int i = 0; i < out.size(); i++) {
      String arg = out.get(i).strip();
      String flags = f.flagLocals().get(arg);
      if (flags != null && defs.parameterIndex(f.function().path(), f.function().name(), arg) < 0) {
        out.set(i, flags);
      }
    }
    return out;
  }

  /** The position of every function, each after the functions it calls (depth-first post-order, without recursion). */
  private static int[] calleesFirst(CallTargets targets) {
    int n = targets.size();
    int[] order = new int[n];
    int ordered = 0;
    boolean[] seen = new boolean[n];
    // the path from the root: each function on it, and the next of its calls to follow
    int[] node = new int[n];
    int[] nextCall = new int[n];
    for (int root = 0; root < n; root++) {
      if (seen[root]) {
        continue;
      }
      seen[root] = true;
      int top = 0;
      node[0] = root;
      nextCall[0] = 0;
      while (top >= 0) {
        int f = node[top];
        int k = nextCall[top];
        if (k < targets.callCount(f)) {
          nextCall[top] = k + 1;
          int g = targets.target(f, k);
          if (g >= 0 && !seen[g]) {
            seen[g] = true;
            top++;
            node[top] = g;
            nextCall[top] = 0;
          }
        } else {
          order[ordered++] = f;
          top--;
        }
      }
    }
    return order;
  }

  private Found throughWrapper(FunctionFacts f, Call c, Wrapper w) {
    Found x = throughWrapperAtDepth0(f, c, w);
    Condition passedOn = passedOn(f, c, w.when());
    return new Found(x.site(), x.parameter(), w.depth(), passedOn != null ? passedOn : condition(f, c.line()));
  }

  /**
   * The flags condition of a wrapper's lock when the call passes F's own parameter in its place
   * ({@code xfs_ilock_iocb(iocb, lock_mode)} calls {@code xfs_ilock(ip, lock_mode)}): F takes the
   * lock under the same flags, in its own parameter. Null otherwise.
   */
  private Condition passedOn(FunctionFacts f, Call c, Condition when) {
    if (when == null || c.args().size() <= when.parameter()) {
      return null;
    }
    String arg = c.args().get(when.parameter()).strip();
    int parameter = defs.parameterIndex(f.function().path(), f.function().name(), arg);
    return parameter < 0 ? null : new Condition(parameter, when.flags());
  }

  private Found throughWrapperAtDepth0(FunctionFacts f, Call c, Wrapper w) {
    String file = f.function().path();
    String fn = f.function().name();
    Primitive p = new Primitive(w.function(), w.kind(), w.operation(), w.mode(), Math.max(0, w.parameter()));
    if (w.identity() != null) {
      String expr = String.join(", ", c.args());
      return site(file, c.line(), fn, p, w.function(), expr, w.function(),
          new Resolution(w.identity(), "wrapper " + w.function(), -1));
    }
    if (c.args().size() > w.parameter()) {
      String expr = c.args().get(w.parameter());
      Resolution r = resolver.resolve(expr, file, fn, f.addressOf());
      return site(file, c.line(), fn, p, w.function(), expr, w.function(),
          new Resolution(r.identity(), "wrapper " + w.function() + ", " + r.resolvedBy(), r.parameter()));
    }
    return site(file, c.line(), fn, p, w.function(), "", w.function(), Resolution.unresolved("(no argument)"));
  }

  /**
   * The locks FN acquires and never releases, and those it releases and never acquires (a function
   * may release one lock on several return paths: that is not a release wrapper). A guard releases
   * its lock at the end of its scope, so it makes no wrapper.
   */
  private List<Wrapper> unbalanced(Definitions.Function fn, List<Found> found) {
    Map<String, Found> acquired = new LinkedHashMap<>();
    Map<String, Found> released = new LinkedHashMap<>();
    Map<String, Condition> when = new HashMap<>();
    Map<String, Condition> whenReleased = new HashMap<>();
    Map<String, Order> order = new HashMap<>();
    for (Found x : found) {
      String lock = lockKey(x);
      if (lock == null || x.site().releasedByScope()) {
        continue;
      }
      String op = x.site().operation();
      order.computeIfAbsent(lock, k -> new Order()).add(x.site().line(), !op.equals("release"), x.depth() == 0);
      if (op.equals("acquire") || op.equals("try")) {
        when.put(lock, acquired.containsKey(lock) ? either(when.get(lock), x.when()) : x.when());
        keepSurest(acquired, lock, x);
      } else if (op.equals("release")) {
        whenReleased.put(lock, released.containsKey(lock) ? either(whenReleased.get(lock), x.when()) : x.when());
        keepSurest(released, lock, x);
      }
    }
    List<Found> takes = new ArrayList<>();
    List<Found> drops = new ArrayList<>();
    acquired.forEach((lock, x) -> {
      if (!released.containsKey(lock)) {
        takes.add(x);
      }
    });
    released.forEach((lock, x) -> {
      // only a lock its caller names, through a parameter, can be held when the body starts
      if (!acquired.containsKey(lock) || fromParameter(x.site()) && order.get(lock).handsBackReleased()) {
        drops.add(x);
      }
    });
    // Taking one lock of a kind and dropping another of the same kind is most often one lock
    // reached by two paths (&pgdat->__lruvec.lru_lock, &lruvec->lru_lock): no wrapper then.
    Set<String> droppedKinds = new java.util.HashSet<>();
    drops.forEach(x -> droppedKinds.add(x.site().kind()));
    Set<String> takenKinds = new java.util.HashSet<>();
    takes.forEach(x -> takenKinds.add(x.site().kind()));
    List<Wrapper> out = new ArrayList<>();
    // a lock only maybe dropped (flags in a variable) balances an acquire but makes no release wrapper;
    // one only maybe taken still makes an acquire wrapper (xfs_ilock_data_map_shared picks its flags
    // into a local), which takes any of them for its callers
    drops.removeIf(Found::unsure);
    takes.stream().filter(x -> !droppedKinds.contains(x.site().kind()) && deepEnough(x))
        .forEach(x -> out.add(wrapper(fn, x, when.get(lockKey(x)))));
    drops.stream().filter(x -> !takenKinds.contains(x.site().kind()) && deepEnough(x)).forEach(x -> out.add(wrapper(fn, x, whenReleased.get(lockKey(x)))));
    return out;
  }

  /** Whether a site's lock expression starts at a parameter of its function ({@code &head->lock}, head a parameter). */
  private static boolean fromParameter(LockSite s) {
    String how = s.resolvedBy();
    return how.equals("parameter") || how.startsWith("parameter ") || how.contains(", parameter ");
  }

  /** The acquires and releases of one lock in a body, in the order of their lines. */
  private static final class Order {
    private int firstLine = Integer.MAX_VALUE;
    private boolean firstAcquires;
    /** Of the sites where the body calls a primitive itself */
    private int firstDirectLine = Integer.MAX_VALUE;
    private boolean firstDirectAcquires;
    private int lastDirectLine = Integer.MIN_VALUE;
    private boolean lastDirectAcquires;
    private int directBalance;
    private boolean directAcquires;

    void add(int line, boolean acquires, boolean direct) {
      if (line < firstLine) {
        firstLine = line;
        firstAcquires = acquires;
      }
      if (!direct) {
        return;
      }
      if (line < firstDirectLine) {
        firstDirectLine = line;
        firstDirectAcquires = acquires;
      }
      if (line >= lastDirectLine) {
        lastDirectLine = line;
        lastDirectAcquires = acquires;
      }
      directBalance += acquires ? 1 : -1;
      directAcquires |= acquires;
    }

    /**
     * Whether a body that takes and drops the lock itself is entered holding it and leaves it
     * dropped: nothing takes it before the body first drops it, and the body's own calls drop it
     * last and more often than they take it ({@code cleanup_ref_head} is called with the ref
     * head's lock and returns without it). Only the body's own primitives decide: a wrapper it calls
     * may be a wrapper by mistake, and one mistake would spread up the call graph.
     */
    boolean handsBackReleased() {
      return directAcquires && !firstAcquires && !firstDirectAcquires && !lastDirectAcquires && directBalance < 0;
    }
  }

  /** The first site of LOCK in SITES, or X when that one is only maybe the lock and X surely is. */
  private static void keepSurest(Map<String, Found> sites, String lock, Found x) {
    Found was = sites.get(lock);
    if (was == null || (was.unsure() && !x.unsure())) {
      sites.put(lock, x);
    }
  }

  /** The condition under which either of two acquires of one lock happens (null: always). */
  private static Condition either(Condition a, Condition b) {
    if (a == null || b == null || a.parameter() != b.parameter()) {
      return null;
    }
    Set<String> flags = new java.util.HashSet<>(a.flags());
    flags.addAll(b.flags());
    return new Condition(a.parameter(), Set.copyOf(flags));
  }

  /**
   * The wrappers F declares with {@code __acquires(X)} or {@code __releases(X)}, over those its
   * body shows (INFERRED). {@code xfs_iget_recycle} drops the i_flags_lock it was called with, then
   * takes and drops it again on one path: balanced to the eye, a release to its callers. The kind
   * and mode are those of F's own site of that lock; without one the annotation says too little.
   */
  private List<Wrapper> declared(FunctionFacts f, List<Found> found, List<Wrapper> inferred) {
    if (f.annotations().isEmpty()) {
      return inferred;
    }
    Definitions.Function fn = f.function();
    List<Wrapper> out = new ArrayList<>(inferred);
    Map<String, Boolean> said = new LinkedHashMap<>();
    Map<String, Resolution> resolved = new HashMap<>();
    for (FunctionFacts.Annotation a : f.annotations()) {
      Resolution r = resolver.resolve(a.expression(), fn.path(), fn.name(), f.addressOf());
      if (!r.resolved() && !a.expression().startsWith("&")) {
        // annotations name a lock by its object as often as by its address: __acquires(nl_table_lock)
        r = resolver.resolve("&" + a.expression(), fn.path(), fn.name(), f.addressOf());
      }
      if (!r.resolved()) {
        r = throughSameVariable(a.expression(), found, r);
      }
      String key = lockKey(r.parameter(), r.identity());
      if (key != null) {
        // both ways (rpm_resume drops dev->power.lock and takes it again): its caller's lock is as it was,
        // and the merge to null forgets the key
        said.merge(key, a.acquires(), (was, now) -> was == now ? was : null);
        resolved.put(key, r);
      }
    }
    for (String key : resolved.keySet()) {
      if (!said.containsKey(key)) {
        out.removeIf(w -> key.equals(lockKey(w.parameter(), w.identity())));
      }
    }
    for (Map.Entry<String, Boolean> e : said.entrySet()) {
      String key = e.getKey();
      Resolution r = resolved.get(key);
      Found site = found.stream().filter(x -> key.equals(lockKey(x))).findFirst().orElse(null);
      if (site == null) {
        continue;
      }
      String op = e.getValue() ? "acquire" : "release";
      out.removeIf(w -> key.equals(lockKey(w.parameter(), w.identity())) && !w.operation().equals(op));
      if (out.stream().noneMatch(w -> key.equals(lockKey(w.parameter(), w.identity())))) {
        LockSite s = site.site();
        out.add(new Wrapper(fn.name(), fn.path(), fn.fileScope(), s.kind(), op, s.mode(), r.parameter() >= 0 ? null : r.identity(),
            r.parameter(), site.depth() + 1, null, takesWithSubclass(s.primitive())));
      }
    }
    return out;
  }

  /**
   * An annotation whose member names no member any more ({@code __acquires(rq->lock)}, the member
   * now {@code __lock}) still names the variable the lock is reached through: the body's own site
   * on a lock reached through that variable ({@code raw_spin_rq_lock(rq)}) whose member's name ends
   * in the annotation's, when there is exactly one such lock; else UNRESOLVED.
   */
  private static Resolution throughSameVariable(String expression, List<Found> found, Resolution unresolved) {
    String base = baseVariable(expression);
    String member = expression.substring(Math.max(expression.lastIndexOf('.'), expression.lastIndexOf('>')) + 1).strip();
    Found match = null;
    for (Found x : found) {
      String identity = x.site().identity();
      if (lockKey(x) == null || member.isEmpty() || !identity.endsWith(member)
          || !base.equals(baseVariable(x.site().expression()))) {
        continue;
      }
      if (match != null && !lockKey(match).equals(lockKey(x))) {
        return unresolved;
      }
      match = x;
    }
    return match == null ? unresolved
        : new Resolution(match.site().identity(), "the annotated variable " + base + ", " + match.site().resolvedBy(), match.parameter());
  }

  /** The first name in a lock expression ({@code rq} in {@code &rq->__lock} or {@code rq}), or "". */
  private static String baseVariable(String expression) {
    Tokens t = CLexer.tokens(expression);
    for (int i = 0; i < t.size(); i++) {
      if (t.isIdentifier(i)) {
        return t.text(i);
      }
      if (!t.is(i, "&") && !t.is(i, "(")) {
        return "";
      }
    }
    return "";
  }

  /** What makes two sites the same lock inside one function: the identity, or the parameter it came from. */
  private static String lockKey(Found x) {
    return lockKey(x.parameter(), x.site().identity());
  }

  /** The lock of PARAMETER when there is one, else IDENTITY; null when that is unresolved. */
  private static String lockKey(int parameter, String identity) {
    if (parameter >= 0) {
      return "param " + parameter;
    }
    return identity == null || identity.startsWith("unresolved ") ? null : identity;
  }

  private Wrapper wrapper(Definitions.Function fn, Found x, Condition when) {
    LockSite s = x.site();
    String identity = x.parameter() >= 0 ? null : s.identity();
    return new Wrapper(fn.name(), fn.path(), fn.fileScope(), s.kind(), s.operation(), s.mode(), identity, x.parameter(),
        x.depth() + 1, when, takesWithSubclass(s.primitive()));
  }

  private boolean takesWithSubclass(String name) {
    return takesWithSubclass(name, subclassWrappers);
  }

  /** Whether calling NAME takes its lock with a lockdep subclass: a {@code *_nested} form, or one of SUBCLASS_WRAPPERS. */
  static boolean takesWithSubclass(String name, Set<String> subclassWrappers) {
    return name.endsWith("_nested") || subclassWrappers.contains(name);
  }

  /**
   * Whether X's wrapper level leaves room for one more. A global is one lock however it is reached,
   * so its releases go as deep as acquires ({@code rtnl_unlock} -> {@code netdev_run_todo} ->
   * {@code __rtnl_unlock} -> {@code mutex_unlock}).
   */
  private static boolean deepEnough(Found x) {
    boolean release = x.site().operation().equals("release") && !x.site().identity().startsWith("global ");
    int max = release ? MAX_RELEASE_DEPTH : MAX_ACQUIRE_DEPTH;
    return x.depth() < max;
  }

  private static String key(Wrapper w) {
    return w.function() + "|" + w.file() + "|" + w.operation() + "|" + w.identity() + "|" + w.parameter();
  }

  /** File-scope lock definitions (DEFINE_MUTEX and friends, seen by ctags as variables of lock type). */
  private List<InitSite> definedLocks() {
    return defs.lockGlobals().stream()
        .map(g -> new InitSite(g.path(), g.line(), null, "definition", g.name(), "global " + g.name() + " (" + g.path() + ")"))
        .toList();
  }
}
