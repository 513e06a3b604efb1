package dev.lockxref.indexer;

import dev.lockxref.index.Visibility;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members of every struct and union of the tree, with their types. One name can be defined
 * by several files (each architecture's header defines its own {@code struct pt_regs}): all are
 * kept, and a member is looked up in them in {@link Visibility} order as seen from outside
 * {@code arch/}, so the answer does not depend on which file ctags finished first.
 */
final class Aggregates {
  private final Map<String, Definers> byName = new ConcurrentHashMap<>();

  /** The members one file gives an aggregate. */
  private record Definer(String path, Map<String, String> members) {}

  /** An aggregate's definers, the preferred first; replaced whole, so readers need no lock. */
  private static final class Definers {
    private volatile Definer[] all;

    Definers(Definer first) {
      all = new Definer[] {first};
    }

    synchronized void add(Definer d) {
      Definer[] old = all;
      Definer[] grown = new Definer[old.length + 1];
      int at = 0;
      while (at < old.length && !Visibility.betterForAll(d.path(), old[at].path())) {
        at++;
      }
      System.arraycopy(old, 0, grown, 0, at);
      grown[at] = d;
      System.arraycopy(old, at, grown, at + 1, old.length - at);
      all = grown;
    }

    String type(String member) {
      for (Definer d : all) {
        String t = d.members().get(member);
        if (t != null) {
          return t;
        }
      }
      return null;
    }
  }

  /** Adds the members PATH defines for AGGREGATE ("struct inode"); MEMBERS is not changed afterwards. */
  void add(String aggregate, String path, Map<String, String> members) {
    Definer d = new Definer(path, members);
    Definers known = byName.putIfAbsent(aggregate, new Definers(d));
    if (known != null) {
      known.add(d);
    }
  }

  /** The typeref of member NAME of AGGREGATE, or null. */
  String memberType(String aggregate, String name) {
    Definers d = byName.get(aggregate);
    return d == null ? null : d.type(name);
  }

  boolean has(String aggregate) {
    return byName.containsKey(aggregate);
  }
}
