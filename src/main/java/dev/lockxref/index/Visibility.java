package dev.lockxref.index;

/**
 * Which of several definitions of one name a file reaches. The tree holds every architecture's
 * code, so a name is often defined under several {@code arch/} directories at once, and only one
 * of them is ever linked with the file. In order: the file's own definition; one under the file's
 * own architecture (for a file outside {@code arch/}, the one lockxref's users run, x86); one
 * outside {@code arch/}; any other. Among equals, the first path in sorted order, so that every
 * run of the indexer makes the same choice.
 */
public final class Visibility {
  /** The architecture whose kernels lockxref's users capture: Debian's amd64 kernels. */
  private static final String HOME_ARCH = "arch/x86/";

  private Visibility() {}

  /** How close DEFINED is to FROM: lower is closer; a file-scope definition elsewhere is not visible (-1). */
  public static int rank(String from, String defined, boolean fileScope) {
    if (defined.equals(from)) {
      return 0;
    }
    if (fileScope) {
      return -1;
    }
    int arch = archLength(from);
    if (arch > 0 ? defined.regionMatches(0, from, 0, arch) : defined.startsWith(HOME_ARCH)) {
      return 1;
    }
    return defined.startsWith("arch/") ? 3 : 2;
  }

  /** Whether DEFINED is a better choice from FROM than CURRENT (null when there is none yet). */
  public static boolean better(String from, String defined, boolean fileScope, String current, boolean currentFileScope) {
    int r = rank(from, defined, fileScope);
    if (r < 0) {
      return false;
    }
    if (current == null) {
      return true;
    }
    int c = rank(from, current, currentFileScope);
    return r < c || r == c && defined.compareTo(current) < 0;
  }

  /**
   * Whether DEFINED is a better choice than CURRENT for a definition every file shares, such as a
   * struct's members or a typedef: as seen from code outside {@code arch/}.
   */
  public static boolean betterForAll(String defined, String current) {
    return better("", defined, false, current, false);
  }

  /**
   * The candidate closest to FROM, or null when none is visible: ties go to the first path in
   * sorted order, then to the first given. Candidates without a path (declarations) are passed over.
   */
  public static <T> T closest(String from, Iterable<T> candidates, java.util.function.Function<T, String> path,
      java.util.function.Predicate<T> fileScope) {
    T best = null;
    for (T c : candidates) {
      if (path.apply(c) != null && better(from, path.apply(c), fileScope.test(c),
          best == null ? null : path.apply(best), best != null && fileScope.test(best))) {
        best = c;
      }
    }
    return best;
  }

  /** The length of "arch/NAME/" at the start of PATH, or 0 when it is not under arch/. */
  private static int archLength(String path) {
    if (!path.startsWith("arch/")) {
      return 0;
    }
    int slash = path.indexOf('/', 5);
    return slash < 0 ? 0 : slash + 1;
  }
}
