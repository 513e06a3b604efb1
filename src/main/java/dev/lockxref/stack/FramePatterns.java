package dev.lockxref.stack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A set of function-name patterns where '*' matches any run of characters. */
final class FramePatterns {
  private final Set<String> exact = new HashSet<>();
  private final List<Pattern> globs = new ArrayList<>();
  /** Function names repeat across thousands of stacks: remember each answer. */
  private final java.util.Map<String, Boolean> known = new java.util.concurrent.ConcurrentHashMap<>();

  FramePatterns(Iterable<String> patterns) {
    for (String p : patterns) {
      if (p.indexOf('*') >= 0) {
        globs.add(Pattern.compile(p.replace(".", "\\.").replace("*", ".*")));
      } else {
        exact.add(p);
      }
    }
  }

  boolean matches(String function) {
    return known.computeIfAbsent(function, this::compute);
  }

  private boolean compute(String function) {
    if (exact.contains(function)) {
      return true;
    }
    for (Pattern g : globs) {
      if (g.matcher(function).matches()) {
        return true;
      }
    }
    return false;
  }
}
