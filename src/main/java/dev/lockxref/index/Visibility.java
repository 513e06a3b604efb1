package dev.lockxref.index;

/**
 * Which of several definitions of one name a file reaches. The tree holds every architecture's
 * code, so a name is often defined under several {@code arch/} directories at once, and only one
 * of them is ever linked with the file. In order: the file's own definition; one under the file's
 * own architecture (for a file outside {@code arch/}, the one lockxref's users run, x86); one
 * outside {@code arch/}, with {@code include/asm-generic/}'s defaults counted here even from
 * their own file; any other. Parts of the tree linked apart from the kernel (tools, boot
 * code: {@link SeparateImages}) see only their own definitions, and the kernel does not see theirs.
 * Among equally close definitions, the first {@link #tier}, then the first path in sorted order,
 * so that every run of the indexer makes the same choice.
 */
public final class Visibility {
  /** The architecture whose kernels lockxref's users capture: Debian's amd64 kernels. */
  private static final String HOME_ARCH = "arch/x86/";
  /**
   * The defaults an architecture's own headers replace ({@code #ifndef HAVE_ARCH_BUG}): even from
   * inside them, the architecture's definition comes first, as the preprocessor sees them.
   */
  private static final String FALLBACKS = "include/asm-generic/";

  private Visibility() {}

  /** How close DEFINED is to FROM: lower is closer; a file-scope definition elsewhere is not visible (-1). */
  public static int rank(String from, String defined, boolean fileScope) {
    boolean own = defined.equals(from);
    if (!own && (fileScope || !SeparateImages.linkedTogether(from, defined))) {
      return -1;
    }
    if (defined.startsWith(FALLBACKS)) {
      return 2;
    }
    if (own) {
      return 0;
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
    return c < 0 || r < c || r == c && defined.compareTo(current) < 0;
  }

  /**
   * Which of equally close definitions of one name a call takes, lower first: a function in a .c
   * file; a function in a header (where a name also defined in a .c file is the stub of the
   * configurations that leave its feature out); a macro that calls something; a macro that calls
   * nothing. A closer definition still wins whatever its tier: x86's {@code BUG()} calls nothing,
   * and the generic one, which calls {@code panic}, is not x86's.
   */
  public static int tier(String path, boolean macro, boolean callsNothing) {
    if (macro) {
      return callsNothing ? 3 : 2;
    }
    return path.endsWith(".h") ? 1 : 0;
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
    return closest(from, candidates, path, fileScope, c -> 0);
  }

  /** The candidate closest to FROM, as above, with ties going to the lowest TIER first. */
  public static <T> T closest(String from, Iterable<T> candidates, java.util.function.Function<T, String> path,
      java.util.function.Predicate<T> fileScope, java.util.function.ToIntFunction<T> tier) {
    T best = null;
    int bestRank = Integer.MAX_VALUE;
    int bestTier = Integer.MAX_VALUE;
    for (T c : candidates) {
      String p = path.apply(c);
      int r = p == null ? -1 : rank(from, p, fileScope.test(c));
      if (r < 0) {
        continue;
      }
      int t = tier.applyAsInt(c);
      if (r < bestRank || r == bestRank && (t < bestTier || t == bestTier && p.compareTo(path.apply(best)) < 0)) {
        best = c;
        bestRank = r;
        bestTier = t;
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
