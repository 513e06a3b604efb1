package dev.lockxref.indexer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a body's locals hold when they are assigned flags alone, read in one pass over its tokens.
 *
 * <p>Allocation flags ({@code gfp_t gfp = GFP_NOWAIT | __GFP_NOWARN;} then {@code gfp |=
 * __GFP_ACCOUNT;}): each name with its flags ORed together. A name is left out when any of its
 * assignments is not made of flags alone (a parameter's, a function's), when it clears flags
 * ({@code &=}), and when it is set twice ({@code gfp = GFP_NOWAIT} on one path, {@code gfp =
 * GFP_NOFS} on another): its value then depends on more than one reading can say.
 *
 * <p>Lock flags ({@code unsigned int iolock = XFS_IOLOCK_SHARED;} and on another path {@code iolock
 * = XFS_IOLOCK_EXCL;}): each name every assignment of which is upper-case flags, with every flag any
 * of them sets. That is the right reading for a wrapper that takes a lock when its argument holds one
 * of some flags; it is not for allocation flags, whose rules read the flags of one path together.
 */
final class FlagLocals {
  static final FlagLocals NONE = new FlagLocals(Map.of(), Map.of());

  private final Map<String, String> allocation;
  private final Map<String, String> alternatives;

  private FlagLocals(Map<String, String> allocation, Map<String, String> alternatives) {
    this.allocation = allocation;
    this.alternatives = alternatives;
  }

  /** The locals made of allocation flags: each name with its flags, "A|B | C". */
  Map<String, String> allocation() {
    return allocation;
  }

  /** The locals made of upper-case flags on every path: each name with every flag it may hold, "A | B". */
  Map<String, String> alternatives() {
    return alternatives;
  }

  static FlagLocals read(Tokens tokens, int from, int to) {
    Map<String, String> allocation = Map.of();
    Map<String, Set<String>> alternatives = Map.of();
    Set<String> unknown = null;
    Set<String> notFlags = null;
    Set<String> set = null;
    for (int i = from + 1; i + 1 < to; i++) {
      String t0 = tokens.text(i);
      if (t0.length() != 1) {
        continue; // every token this looks for is one character: most tokens are not
      }
      char c = t0.charAt(0);
      if (c == '&' || c == '+' || c == '-') {
        String changed = changedElsewhere(tokens, i);
        if (changed != null) {
          notFlags = add(notFlags, changed); // f(&mode) may set it, mode++ counts
        }
        continue;
      }
      if (c != '=' || tokens.is(i + 1, "=")) {
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
        notFlags = add(notFlags, name);
        continue;
      }
      boolean onlyAllocation = true;
      boolean onlyFlags = true;
      boolean anyFlag = false;
      int k = BodyScanner.expressionEnd(tokens, i + 1, to);
      for (int j = i + 1; j < k; j++) {
        String t = tokens.text(j);
        if (tokens.isIdentifier(j)) {
          onlyAllocation &= t.startsWith("GFP_") || t.startsWith("__GFP_");
          onlyFlags &= Branches.isFlag(t);
          anyFlag = true;
        } else if (!t.equals("|") && !t.equals("(") && !t.equals(")") && !t.equals("0")) {
          onlyFlags = false; // -ENOMEM, a call, a conditional
        }
      }
      if (!compound) {
        if (set != null && set.contains(name)) {
          unknown = add(unknown, name);
        }
        set = add(set, name);
      }
      if (onlyAllocation && k > i + 1) {
        StringBuilder value = new StringBuilder();
        for (int j = i + 1; j < k; j++) {
          BodyScanner.append(value, tokens.text(j));
        }
        if (allocation.isEmpty()) {
          allocation = new HashMap<>();
        }
        allocation.merge(name, value.toString(), (a, b) -> a + " | " + b);
      } else {
        unknown = add(unknown, name);
      }
      if (onlyFlags && !(anyFlag && onlyAllocation)) {
        if (alternatives.isEmpty()) {
          alternatives = new HashMap<>();
        }
        Set<String> flags = alternatives.computeIfAbsent(name, n -> new java.util.TreeSet<>());
        for (int j = i + 1; j < k; j++) {
          if (tokens.isIdentifier(j)) {
            flags.add(tokens.text(j));
          }
        }
      } else {
        notFlags = add(notFlags, name);
      }
      // the value is read on for what it changes: error = xfs_break_layouts(inode, &iolock, ...)
    }
    if (unknown != null && !allocation.isEmpty()) {
      allocation.keySet().removeAll(unknown);
    }
    if (notFlags != null && !alternatives.isEmpty()) {
      alternatives.keySet().removeAll(notFlags);
    }
    if (allocation.isEmpty() && alternatives.isEmpty()) {
      return NONE;
    }
    Map<String, String> joined = alternatives.isEmpty() ? Map.of() : new HashMap<>();
    // a local only ever set to 0 holds no flag: "0", which takes none
    alternatives.forEach((name, flags) -> joined.put(name, flags.isEmpty() ? "0" : String.join(" | ", flags)));
    return new FlagLocals(allocation, joined);
  }

  /**
   * NAME when token I is the {@code &} of {@code &NAME} passed or stored, or the second sign of
   * {@code ++NAME}, {@code NAME++} (or {@code --}); null otherwise.
   */
  private static String changedElsewhere(Tokens tokens, int i) {
    if (tokens.is(i, "&")) {
      boolean passed = tokens.is(i - 1, "(") || tokens.is(i - 1, ",") || tokens.is(i - 1, "=");
      return passed && tokens.isIdentifier(i + 1) ? tokens.text(i + 1) : null;
    }
    boolean twice = (tokens.is(i, "+") && tokens.is(i - 1, "+")) || (tokens.is(i, "-") && tokens.is(i - 1, "-"));
    if (!twice) {
      return null;
    }
    if (tokens.isIdentifier(i + 1)) {
      return tokens.text(i + 1);
    }
    return i >= 2 && tokens.isIdentifier(i - 2) ? tokens.text(i - 2) : null;
  }

  private static Set<String> add(Set<String> set, String name) {
    Set<String> out = set == null ? new HashSet<>() : set;
    out.add(name);
    return out;
  }
}
