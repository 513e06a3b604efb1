package dev.lockxref.indexer;

import java.util.ArrayList;
import java.util.List;

/** Reads one file's function bodies: their calls and guard uses. */
public final class FileScanner {
  private FileScanner() {}

  /**
   * The facts of PATH's functions (from ctags) and of the function-like macros it defines; the flag
   * tests of if statements only in those that call one of PRIMITIVES.
   */
  public static List<FunctionFacts> scan(String text, String path, List<Definitions.Function> functions, Names names,
      dev.lockxref.index.Primitives primitives) {
    int[] lineStarts = lineStarts(text);
    List<Definitions.Function> all = new ArrayList<>(functions);
    if (text.contains("define")) {
      all.addAll(MacroFinder.functionLike(text, path, lineStarts, names));
    }
    List<FunctionFacts> out = new ArrayList<>(all.size());
    for (Definitions.Function f : all) {
      // only the function's own lines are read: most of a header is not function bodies
      if (f.line() < 1 || f.line() > lineStarts.length) {
        continue;
      }
      if (f.macro()) {
        FunctionFacts m = macro(text, lineStarts, f, names);
        if (m != null) {
          out.add(m);
        }
        continue;
      }
      int from = lineStarts[f.line() - 1];
      int to = f.end() < lineStarts.length ? lineStarts[f.end()] : text.length();
      Tokens tokens = CLexer.tokens(text, from, to, f.line());
      int open = BodyScanner.bodyStart(tokens, f.line(), f.end());
      if (open < 0) {
        continue;
      }
      int close = BodyScanner.matching(tokens, open);
      FlagLocals locals = FlagLocals.read(tokens, open + 1, close);
      Calls calls = BodyScanner.calls(tokens, open + 1, close, names, locals);
      List<FunctionFacts.GuardUse> guards = guards(tokens, calls);
      java.util.Map<String, String> addresses = addressOf(tokens, open + 1, close);
      List<IndirectCall> indirect = BodyScanner.indirectCalls(tokens, open + 1, close, names);
      Branches branches = Branches.of(tokens, open + 1, close, names, !guards.isEmpty() || callsOneOf(calls, primitives));
      // only a function returning a pointer may give a lock's address
      List<String> returned = f.returnType() != null && f.returnType().indexOf('*') >= 0
          ? LockAccessors.addressesReturned(tokens, open, close) : List.of();
      out.add(new FunctionFacts(f, calls, guards.isEmpty() ? List.of() : guards,
          addresses.isEmpty() ? java.util.Map.of() : addresses, indirect.isEmpty() ? List.of() : List.copyOf(indirect), branches,
          annotations(tokens, open), passedWhole(locals.alternatives(), calls), returned, List.of()));
    }
    return out;
  }

  /** The flag locals of LOCALS that some call is given as a whole argument ({@code xfs_ilock(ip, iolock)}). */
  private static java.util.Map<String, String> passedWhole(java.util.Map<String, String> locals, Calls calls) {
    if (locals.isEmpty()) {
      return java.util.Map.of();
    }
    java.util.Map<String, String> out = java.util.Map.of();
    for (Call c : calls) {
      for (String arg : c.args()) {
        String flags = locals.get(arg.strip());
        if (flags != null) {
          if (out.isEmpty()) {
            out = new java.util.HashMap<>(4);
          }
          out.put(arg.strip(), flags);
        }
      }
    }
    return out;
  }

  /**
   * A function-like macro's body: the text after {@code #define NAME(PARAMS)} to the end of its
   * continuation lines (MacroFinder found both), read for calls; null when it has no parameter list.
   * One that calls nothing is kept too: where it is the closest definition (x86's {@code BUG()}),
   * a call of its name goes no further.
   */
  private static FunctionFacts macro(String text, int[] lineStarts, Definitions.Function f, Names names) {
    int start = lineStarts[f.line() - 1];
    int end = f.end() < lineStarts.length ? lineStarts[f.end()] - 1 : text.length();
    int paren = text.indexOf(f.name() + "(", start);
    int close = paren < 0 ? -1 : text.indexOf(')', paren);
    if (close < 0 || close >= end) {
      return null;
    }
    Tokens tokens = CLexer.tokens(text, close + 1, end, f.line());
    Calls calls = BodyScanner.calls(tokens, 0, tokens.size(), names);
    List<IndirectCall> indirect = BodyScanner.indirectCalls(tokens, 0, tokens.size(), names);
    List<String> parameters = new ArrayList<>();
    for (String p : text.substring(paren + f.name().length() + 1, close).split(",")) {
      if (!p.isBlank()) {
        parameters.add(p.strip());
      }
    }
    return new FunctionFacts(f, calls.isEmpty() ? Calls.NONE : calls, List.of(), java.util.Map.of(),
        indirect.isEmpty() ? List.of() : List.copyOf(indirect), Branches.NONE, List.of(), java.util.Map.of(),
        LockAccessors.addressOfMacro(tokens), parameters.isEmpty() ? List.of() : List.copyOf(parameters));
  }

  /**
   * The {@code __acquires(X)}, {@code __releases(X)} and {@code __must_hold(X)} before token OPEN,
   * the body's '{'. {@code __must_hold(X)} says the caller's lock is as it was on return: it is
   * read as both of the others, which together make no wrapper ({@code add_transaction_credits}
   * drops {@code j_state_lock} on the paths that return 1 and takes it again in its caller).
   */
  private static List<FunctionFacts.Annotation> annotations(Tokens tokens, int open) {
    List<FunctionFacts.Annotation> out = List.of();
    for (int i = 0; i + 1 < open; i++) {
      boolean acquires = tokens.is(i, "__acquires");
      boolean holds = tokens.is(i, "__must_hold");
      if ((acquires || holds || tokens.is(i, "__releases")) && tokens.is(i + 1, "(")) {
        int close = BodyScanner.closing(tokens, i + 1, open);
        StringBuilder expr = new StringBuilder();
        for (int j = i + 2; j < close; j++) {
          BodyScanner.append(expr, tokens.text(j));
        }
        if (out.isEmpty()) {
          out = new ArrayList<>(2);
        }
        out.add(new FunctionFacts.Annotation(acquires || holds, expr.toString()));
        if (holds) {
          out.add(new FunctionFacts.Annotation(false, expr.toString()));
        }
        i = close;
      }
    }
    return out;
  }

  private static boolean callsOneOf(Calls calls, dev.lockxref.index.Primitives primitives) {
    for (int i = 0; i < calls.size(); i++) {
      if (primitives.get(calls.callee(i)) != null) {
        return true;
      }
    }
    return false;
  }

  /** NAME = &EXPR; in the body: the first such assignment of each name. */
  private static java.util.Map<String, String> addressOf(Tokens tokens, int from, int to) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    for (int i = from; i + 2 < to; i++) {
      if (tokens.isIdentifier(i) && tokens.is(i + 1, "=") && tokens.is(i + 2, "&")
          && !tokens.is(i - 1, ".") && !tokens.is(i - 1, "->")) {
        StringBuilder expr = new StringBuilder();
        int k = BodyScanner.expressionEnd(tokens, i + 2, to);
        for (int j = i + 2; j < k; j++) {
          BodyScanner.append(expr, tokens.text(j));
        }
        out.putIfAbsent(tokens.text(i), expr.toString());
        i = k;
      }
    }
    return out;
  }

  /** The offset where each line starts (index 0 is line 1). */
  static int[] lineStarts(String text) {
    int[] starts = new int[Math.max(16, text.length() / 24)];
    int count = 1;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
      if (count == starts.length) {
        starts = java.util.Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = nl + 1;
    }
    return java.util.Arrays.copyOf(starts, count);
  }

  private static List<FunctionFacts.GuardUse> guards(Tokens tokens, List<Call> calls) {
    List<FunctionFacts.GuardUse> out = new ArrayList<>();
    for (Call c : calls) {
      if (c.callee().equals("guard") && c.args().size() == 1 && c.after() < tokens.size() && tokens.is(c.after(), "(")) {
        int close = BodyScanner.closing(tokens, c.after(), tokens.size());
        out.add(new FunctionFacts.GuardUse(c.args().get(0), BodyScanner.args(tokens, c.after() + 1, close), c.line(), false,
            BodyScanner.scopeEndLine(tokens, close + 1)));
      } else if (c.callee().equals("scoped_guard") && !c.args().isEmpty()) {
        out.add(new FunctionFacts.GuardUse(c.args().get(0), c.args().subList(1, c.args().size()), c.line(), true,
            BodyScanner.statementEndLine(tokens, c.after())));
      }
    }
    return out;
  }

  /**
   * The guard classes a header defines: {@code DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), ...)}
   * and {@code DEFINE_LOCK_GUARD_0/1(...)}: class name and the function its lock expression calls
   * (null for guards that take no lock, such as rcu or preempt's... which still call something).
   */
  public static List<GuardClass> guardClasses(String text) {
    List<GuardClass> out = new ArrayList<>();
    if (!text.contains("DEFINE_GUARD") && !text.contains("DEFINE_LOCK_GUARD")) {
      return out;
    }
    Tokens tokens = rawTokens(text);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      String name = tokens.text(i);
      boolean guard = name.equals("DEFINE_GUARD");
      boolean lockGuard1 = name.equals("DEFINE_LOCK_GUARD_1");
      boolean lockGuard0 = name.equals("DEFINE_LOCK_GUARD_0");
      if (!(guard || lockGuard1 || lockGuard0) || !tokens.is(i + 1, "(")) {
        continue;
      }
      int close = BodyScanner.closing(tokens, i + 1, tokens.size());
      List<String> args = BodyScanner.args(tokens, i + 2, close);
      int lockArg = lockGuard0 ? 1 : 2;
      if (args.size() > lockArg) {
        String lockExpr = args.get(lockArg);
        int paren = lockExpr.indexOf('(');
        String callee = paren > 0 ? lockExpr.substring(0, paren) : null;
        out.add(new GuardClass(args.get(0), callee, lockGuard0));
      }
      i = close;
    }
    return out;
  }

  /** Tokens of text where preprocessor lines count too (guard classes are defined by macros). */
  private static Tokens rawTokens(String text) {
    return CLexer.tokens(text.replace("\n#", "\n "));
  }

  /**
   * A guard class.
   *
   * @param name as used in guard(NAME)
   * @param lockFunction the function its lock expression calls (mutex_lock, spin_lock_irqsave...)
   * @param noArgument a DEFINE_LOCK_GUARD_0 guard (irq, rcu, preempt): never a lock site
   */
  public record GuardClass(String name, String lockFunction, boolean noArgument) {}
}
