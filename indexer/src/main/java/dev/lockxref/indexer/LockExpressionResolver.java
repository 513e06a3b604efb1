package dev.lockxref.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps a lock expression to its identity (DESIGN, "Lock identity"): the declared type of the base
 * name, then the member chain, restarting the owner type at every pointer hop; casts, accessor
 * functions with a known return type and container_of() give types too, and a call of a lock
 * accessor is the lock it returns.
 */
public final class LockExpressionResolver {
  private static final Set<String> CONTAINER_OF = Set.of("container_of", "container_of_const", "list_entry",
      "list_first_entry", "list_last_entry", "hlist_entry", "rb_entry", "list_first_entry_or_null",
      "hlist_entry_safe", "llist_entry", "list_next_entry");

  /** How many accessors deep a lock expression is followed ({@code rq_lockp} returns no other's call, but one could) */
  private static final int MAX_ACCESSOR_DEPTH = 3;

  private final Definitions defs;
  private final LockAccessors accessors;

  public LockExpressionResolver(Definitions defs) {
    this(defs, LockAccessors.NONE);
  }

  public LockExpressionResolver(Definitions defs, LockAccessors accessors) {
    this.defs = defs;
    this.accessors = accessors;
  }

  /** Resolves EXPR as written in FUNCTION of PATH. */
  public Resolution resolve(String expr, String path, String function) {
    return resolve(expr, path, function, java.util.Map.of());
  }

  /**
   * Resolves EXPR as written in FUNCTION of PATH, where ADDRESS_OF holds the locals the function
   * points at a lock ({@code m1 = &d->d_sb->s_vfs_rename_mutex}): {@code mutex_unlock(m1)} is that lock.
   */
  public Resolution resolve(String expr, String path, String function, java.util.Map<String, String> addressOf) {
    String target = addressOf.get(expr.strip());
    if (target != null && defs.parameterIndex(path, function, expr.strip()) < 0) {
      Resolution r = resolveExpression(target, path, function);
      if (r.resolved()) {
        return new Resolution(r.identity(), "local " + expr.strip() + " = " + target + ", " + r.resolvedBy(), -1);
      }
    }
    return resolveExpression(expr, path, function);
  }

  /** The structure EXPR is or points to ("struct inode_operations" for {@code dir->i_op}), or null. */
  public String aggregateOf(String expr, String path, String function) {
    Tokens tokens = CLexer.tokens(expr);
    if (tokens.isEmpty()) {
      return null;
    }
    State s = new State(tokens, path, function);
    if (!s.postfix() || s.pos != tokens.size() || s.type == null) {
      return null;
    }
    CType t = defs.resolveTypedefs(s.type);
    return t != null && t.isAggregate() && t.pointers() <= 1 ? t.aggregateName() : null;
  }

  private Resolution resolveExpression(String expr, String path, String function) {
    return resolveExpression(expr, path, function, 0);
  }

  private Resolution resolveExpression(String expr, String path, String function, int accessorDepth) {
    Tokens tokens = withoutOuterParentheses(CLexer.tokens(expr));
    if (tokens.isEmpty()) {
      return Resolution.unresolved(expr);
    }
    Resolution accessed = throughAccessor(tokens, path, function, accessorDepth);
    if (accessed != null) {
      return accessed;
    }
    State s = new State(tokens, path, function);
    boolean addressOf = false;
    if (s.peek("&")) {
      addressOf = true;
      s.pos++;
    }
    if (s.peek("*")) {
      return Resolution.unresolved(expr);
    }
    if (!s.postfix()) {
      return Resolution.unresolved(expr);
    }
    if (s.pos != tokens.size()) {
      return Resolution.unresolved(expr);
    }
    String how = s.how.isEmpty() ? "?" : String.join(", ", s.how);
    if (addressOf) {
      if (s.owner != null) {
        return new Resolution(s.owner + "." + String.join(".", s.chain), how, -1);
      }
      if (s.global != null) {
        String name = s.global + (s.chain.isEmpty() ? "" : "." + String.join(".", s.chain));
        return new Resolution("global " + name + " (" + s.globalFile + ")", how, -1);
      }
      return Resolution.unresolved(expr);
    }
    // no '&': the expression is a pointer to the lock, or (page, folio, buffer locks) the object itself
    if (s.parameter >= 0 && s.chain.isEmpty()) {
      return new Resolution("unresolved " + expr, "parameter", s.parameter);
    }
    if (s.type != null && s.type.pointers() == 1) {
      CType t = defs.resolveTypedefs(s.type);
      if (t != null && t.isAggregate() && OBJECT_LOCKS.contains(t.name())) {
        return new Resolution(t.aggregateName(), how, -1);
      }
    }
    return Resolution.unresolved(expr);
  }

  /**
   * The lock a call of a lock accessor gives ({@code raw_spin_unlock(rq_lockp(rq))}), each address it
   * may return read with the call's arguments; null when TOKENS are no such call, or when its
   * addresses are not all one resolved lock.
   */
  private Resolution throughAccessor(Tokens tokens, String path, String function, int depth) {
    if (depth >= MAX_ACCESSOR_DEPTH || tokens.size() < 3 || !tokens.isIdentifier(0) || !tokens.is(1, "(")) {
      return null;
    }
    String name = tokens.text(0);
    List<LockAccessors.Accessor> named = accessors.named(name);
    if (named.isEmpty() || BodyScanner.closing(tokens, 1, tokens.size()) != tokens.size() - 1) {
      return null;
    }
    List<String> args = BodyScanner.args(tokens, 2, tokens.size() - 1);
    Resolution first = null;
    for (LockAccessors.Accessor a : named) {
      if (a.parameters().size() != args.size()) {
        continue;
      }
      for (String returned : a.returned()) {
        Resolution r = resolveExpression(LockAccessors.substitute(returned, a.parameters(), args), path, function, depth + 1);
        if (!r.resolved() || first != null && !first.identity().equals(r.identity())) {
          return null;
        }
        first = first == null ? r : first;
      }
    }
    return first == null ? null : new Resolution(first.identity(), "accessor " + name + ", " + first.resolvedBy(), first.parameter());
  }

  /** TOKENS without parentheses around the whole of them: {@code up_read((&EXT4_I(inode)->i_data_sem))}. */
  private static Tokens withoutOuterParentheses(Tokens tokens) {
    int from = 0;
    int to = tokens.size();
    while (to - from >= 2 && tokens.is(from, "(") && BodyScanner.closing(tokens, from, to) == to - 1) {
      from++;
      to--;
    }
    if (from == 0) {
      return tokens;
    }
    Tokens inner = new Tokens(to - from);
    for (int i = from; i < to; i++) {
      inner.add(tokens.text(i), tokens.line(i));
    }
    return inner;
  }

  /** Aggregates that are themselves the lock (page, folio and buffer locks). */
  private static final Set<String> OBJECT_LOCKS = Set.of("page", "folio", "buffer_head");

  private final class State {
    final Tokens t;
    final String path;
    final String function;
    int pos;
    CType type;
    String owner;
    String global;
    String globalFile;
    int parameter = -1;
    final List<String> chain = new ArrayList<>();
    final List<String> how = new ArrayList<>();

    State(Tokens t, String path, String function) {
      this.t = t;
      this.path = path;
      this.function = function;
    }

    boolean peek(String s) {
      return pos < t.size() && t.is(pos, s);
    }

    boolean primary() {
      if (pos >= t.size()) {
        return false;
      }
      int at = pos;
      if (t.is(at, "(")) {
        int close = BodyScanner.closing(t, pos, t.size());
        CType cast = castType(pos + 1, close);
        if (cast != null) {
          pos = close + 1;
          if (!unary()) {
            return false;
          }
          type = cast;
          owner = null;
          chain.clear();
          global = null;
          parameter = -1;
          how.add("cast");
          return true;
        }
        pos++;
        if (!postfix() || !peek(")")) {
          return false;
        }
        pos++;
        return true;
      }
      if (!t.isIdentifier(at)) {
        return false;
      }
      pos++;
      if (peek("(")) {
        return call(t.text(at));
      }
      return name(t.text(at));
    }

    /** A cast operand: a primary with its postfix chain, after optional '&'. */
    boolean unary() {
      if (peek("&")) {
        pos++;
      }
      return postfix();
    }

    CType castType(int from, int to) {
      if (from >= to) {
        return null;
      }
      String first = t.text(from);
      boolean typeWord = first.equals("struct") || first.equals("union") || first.equals("const")
          || (to - from >= 2 && t.is(to - 1, "*") && defs.resolveTypedefs(new CType("typename", first, 0)) != null
              && !isVariable(first));
      if (!typeWord) {
        return null;
      }
      StringBuilder sb = new StringBuilder();
      for (int i = from; i < to; i++) {
        sb.append(t.text(i)).append(' ');
      }
      return CType.parse(sb.toString());
    }

    boolean isVariable(String name) {
      return defs.localType(path, function, name) != null || defs.global(path, name) != null;
    }

    boolean call(String name) {
      int close = BodyScanner.closing(t, pos, t.size());
      List<String> args = BodyScanner.args(t, pos + 1, close);
      pos = close + 1;
      if (CONTAINER_OF.contains(name) && args.size() >= 2) {
        CType c = CType.parse(args.get(1));
        if (c == null) {
          return false;
        }
        type = c.pointer();
        how.add(name);
        return true;
      }
      String ret = returnType(name);
      if (ret == null) {
        return false;
      }
      type = CType.ofTyperef(ret);
      how.add("accessor " + name);
      return type != null;
    }

    String returnType(String name) {
      // a static accessor of another file still says what such an accessor returns
      Definitions.Function best = dev.lockxref.index.Visibility.closest(path, defs.functionsNamed(name),
          Definitions.Function::path, f -> false);
      return best == null ? null : best.returnType();
    }

    boolean name(String name) {
      String local = defs.localType(path, function, name);
      if (local != null) {
        type = CType.ofTyperef(local);
        int index = defs.parameterIndex(path, function, name);
        if (index >= 0) {
          parameter = index;
          how.add("parameter " + name);
        } else {
          how.add("local " + name);
        }
        return type != null;
      }
      Definitions.Global g = defs.global(path, name);
      if (g != null) {
        type = CType.ofTyperef(g.typeref());
        global = name;
        globalFile = g.path() == null ? "extern" : g.path();
        how.add("global " + name);
        return type != null;
      }
      return false;
    }

    boolean postfix() {
      if (!primary()) {
        return false;
      }
      while (pos < t.size()) {
        if (peek("->")) {
          pos++;
          if (pos >= t.size() || !t.isIdentifier(pos)) {
            return false;
          }
          String member = t.text(pos++);
          CType base = defs.resolveTypedefs(type);
          if (base == null || !base.isAggregate() || base.pointers() != 1) {
            return false;
          }
          owner = base.aggregateName();
          global = null;
          parameter = -1;
          chain.clear();
          chain.add(member);
          if (!member(base, member)) {
            return false;
          }
        } else if (peek(".")) {
          pos++;
          if (pos >= t.size() || !t.isIdentifier(pos)) {
            return false;
          }
          String member = t.text(pos++);
          CType base = defs.resolveTypedefs(type);
          if (base == null || !base.isAggregate() || base.pointers() != 0) {
            return false;
          }
          if (owner == null && global == null) {
            owner = base.aggregateName();
          }
          parameter = -1;
          chain.add(member);
          if (!member(base, member)) {
            return false;
          }
        } else if (peek("[")) {
          int close = closingBracket(pos);
          pos = close + 1;
          if (!chain.isEmpty()) {
            int last = chain.size() - 1;
            chain.set(last, chain.get(last) + "[]");
          }
          if (type != null && type.pointers() > 0) {
            type = type.deref();
          }
        } else {
          break;
        }
      }
      return true;
    }

    boolean member(CType base, String member) {
      String mt = defs.memberType(base.aggregateName(), member);
      if (mt == null) {
        return false;
      }
      type = CType.ofTyperef(mt);
      if (!how.contains("member")) {
        how.add("member");
      }
      return type != null;
    }

    int closingBracket(int open) {
      int depth = 0;
      for (int i = open; i < t.size(); i++) {
        if (t.is(i, "[")) {
          depth++;
        } else if (t.is(i, "]") && --depth == 0) {
          return i;
        }
      }
      return t.size() - 1;
    }
  }
}
