package dev.lockxref.index;

/**
 * What an index says about itself.
 *
 * @param tree the indexed tree's path
 * @param label the version label (6.1.192)
 * @param toolVersion lockxref's version
 * @param ctagsVersion the ctags that read the tree
 * @param schemaVersion {@link IndexSchema#VERSION} when written
 * @param created when (ISO-8601)
 * @param files C files read
 * @param functions functions indexed
 * @param calls direct calls
 * @param sites lock sites
 * @param resolvedSites lock sites with a struct or global identity
 * @param releases the kernel release names built from the tree ({@code 6.1.0-56-amd64}), space-separated, or ""
 */
public record IndexInfo(String tree, String label, String toolVersion, String ctagsVersion, int schemaVersion,
    String created, long files, long functions, long calls, long sites, long resolvedSites, String releases) {
  /** The release names, as a list. */
  public java.util.List<String> releaseNames() {
    return releases == null || releases.isBlank() ? java.util.List.of() : java.util.List.of(releases.strip().split("\\s+"));
  }
}
