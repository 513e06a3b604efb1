package dev.lockxref.indexer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Functions and macros that give the address of a lock in terms of their parameters:
 * {@code qdisc_lock(q)} returns {@code &q->q.lock}, {@code rq_lockp(rq)} {@code &rq->__lock}. A call
 * of one, in a lock expression, is the lock it gives for those arguments.
 */
public final class LockAccessors {
  /** More returns than this and a function is no accessor, whatever it returns. */
  private static final int MAX_RETURNS = 4;

  /**
   * One accessor.
   *
   * @param parameters its parameters' names, in order
   * @param returned every address it gives, as written ({@code &rq->core->__lock}, {@code &rq->__lock})
   */
  public record Accessor(List<String> parameters, List<String> returned) {}

  public static final LockAccessors NONE = new LockAccessors(Map.of());

  private final Map<String, List<Accessor>> byName;

  private LockAccessors(Map<String, List<Accessor>> byName) {
    this.byName = byName;
  }

  /** The accessors among the functions of TARGETS, by name; a function's parameters as ctags gave them in DEFS. */
  static LockAccessors of(CallTargets targets, Definitions defs) {
    Map<String, List<Accessor>> byName = new HashMap<>();
    for (int n = 0; n < targets.size(); n++) {
      FunctionFacts f = targets.at(n);
      if (!f.addressesReturned().isEmpty()) {
        Definitions.Function fn = f.function();
        List<String> parameters = fn.macro() ? f.macroParameters() : defs.parameters(fn.path(), fn.name());
        byName.computeIfAbsent(fn.name(), k -> new ArrayList<>(1)).add(new Accessor(parameters, f.addressesReturned()));
      }
    }
    return new LockAccessors(byName);
  }

  /** The accessors named NAME (a name defined under several configurations has several). */
  List<Accessor> named(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /**
   * The addresses a function body returns, between the tokens OPEN and CLOSE, when every return in
   * it gives one; else none.
   */
  static List<String> addressesReturned(Tokens tokens, int open, int close) {
    List<String> returned = new ArrayList<>(1);
    for (int i = open + 1; i < close; i++) {
      if (!tokens.is(i, "return")) {
        continue;
      }
      if (!givesAddress(tokens, i + 1, close) || returned.size() == MAX_RETURNS) {
        return List.of();
      }
      StringBuilder expr = new StringBuilder();
      int depth = 0;
      int k = i + 1;
      for (; k < close && (depth > 0 || !tokens.is(k, ";")); k++) {
        depth += tokens.is(k, "(") ? 1 : tokens.is(k, ")") ? -1 : 0;
        BodyScanner.append(expr, tokens.text(k));
      }
      returned.add(expr.toString());
      i = k;
    }
    return returned.isEmpty() ? List.of() : List.copyOf(returned);
  }

  /** The address a function-like macro's body BODY is, when it is one; else none. */
  static List<String> addressOfMacro(Tokens body) {
    if (body.isEmpty() || !givesAddress(body, 0, body.size())) {
      return List.of();
    }
    StringBuilder expr = new StringBuilder();
    for (int i = 0; i < body.size(); i++) {
      if (body.is(i, ";") || body.is(i, "{")) {
        return List.of();
      }
      BodyScanner.append(expr, body.text(i));
    }
    return List.of(expr.toString());
  }

  /** Whether the expression at FROM starts, inside any parentheses, with '&'. */
  private static boolean givesAddress(Tokens tokens, int from, int to) {
    int k = from;
    while (k < to && tokens.is(k, "(")) {
      k++;
    }
    return k < to && tokens.is(k, "&");
  }

  /**
   * RETURNED with each of PARAMETERS, where it is a name of its own, replaced by its argument in
   * ARGS; an address's member is the object's ({@code &(xa)->xa_lock} with {@code &mapping->i_pages}
   * is {@code (mapping->i_pages).xa_lock}).
   */
  static String substitute(String returned, List<String> parameters, List<String> args) {
    Tokens t = CLexer.tokens(returned);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      int p = t.isIdentifier(i) && !(i > 0 && (t.is(i - 1, ".") || t.is(i - 1, "->"))) ? parameters.indexOf(t.text(i)) : -1;
      if (p < 0) {
        out.add(t.text(i));
        continue;
      }
      String arg = args.get(p).strip();
      boolean parenthesized = i > 0 && i + 1 < t.size() && t.is(i - 1, "(") && t.is(i + 1, ")");
      int arrow = parenthesized ? i + 2 : i + 1;
      if (arg.startsWith("&") && arrow < t.size() && t.is(arrow, "->")) {
        if (parenthesized) {
          out.remove(out.size() - 1);
        }
        out.add("(" + arg.substring(1).strip() + ")");
        out.add(".");
        i = arrow;
      } else {
        out.add("(" + arg + ")");
      }
    }
    StringBuilder text = new StringBuilder();
    out.forEach(token -> BodyScanner.append(text, token));
    return text.toString();
  }
}
