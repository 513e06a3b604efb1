package dev.lockxref.indexer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Locals that hold allocation flags in a body ({@code gfp_t gfp = GFP_NOWAIT | __GFP_NOWARN;}
 * then {@code gfp |= __GFP_ACCOUNT;}): each name with its flags ORed together. A name is left
 * out when any of its assignments is not made of flags alone (a parameter's, a function's), when
 * it clears flags ({@code &=}), and when it is set twice ({@code gfp = GFP_NOWAIT} on one path,
 * {@code gfp = GFP_NOFS} on another): its value then depends on more than one reading can say.
 */
final class AllocationFlags {
  private AllocationFlags() {}

  static Map<String, String> assigned(Tokens tokens, int from, int to) {
    Map<String, String> out = Map.of();
    Set<String> unknown = null;
    Set<String> set = null;
    for (int i = from + 1; i + 1 < to; i++) {
      if (!tokens.is(i, "=") || tokens.is(i + 1, "=")) {
        continue;
      }
      String before = tokens.text(i - 1);
      boolean compound = before.length() == 1 && "|&^+-*/%".indexOf(before.charAt(0)) >= 0;
      if (!compound && !tokens.isIdentifier(i - 1)) {
        continue; // ==, !=, <=, >=, or an element or member assigned
      }
      int nameAt = compound ? i - 2 : i - 1;
      if (nameAt < from || !tokens.isIdentifier(nameAt) || nameAt > from && (tokens.is(nameAt - 1, ".") || tokens.is(nameAt - 1, "->"))) {
        continue;
      }
      String name = tokens.text(nameAt);
      if (compound && !before.equals("|")) {
        unknown = add(unknown, name); // gfp &= ~__GFP_FS: what is left is not the flags written
        continue;
      }
      StringBuilder value = new StringBuilder();
      boolean onlyFlags = true;
      int k = BodyScanner.expressionEnd(tokens, i + 1, to);
      for (int j = i + 1; j < k; j++) {
        String t = tokens.text(j);
        if (tokens.isIdentifier(j) && !t.startsWith("GFP_") && !t.startsWith("__GFP_")) {
          onlyFlags = false;
        }
        BodyScanner.append(value, t);
      }
      if (!compound) {
        if (set != null && set.contains(name)) {
          unknown = add(unknown, name);
        }
        set = add(set, name);
      }
      if (onlyFlags && value.length() > 0) {
        if (out.isEmpty()) {
          out = new HashMap<>();
        }
        out.merge(name, value.toString(), (a, b) -> a + " | " + b);
      } else {
        unknown = add(unknown, name);
      }
      i = k;
    }
    if (unknown != null && !out.isEmpty()) {
      out.keySet().removeAll(unknown);
    }
    return out;
  }

  private static Set<String> add(Set<String> set, String name) {
    Set<String> out = set == null ? new HashSet<>() : set;
    out.add(name);
    return out;
  }
}
