package dev.lockxref.join;

import dev.lockxref.index.IndexHome;
import dev.lockxref.index.IndexInfo;
import dev.lockxref.index.LockIndex;
import java.nio.file.Path;
import java.util.List;

/**
 * Chooses the index for a capture by the kernel release it states: the index whose version label
 * appears in the release (Debian prints "6.1.0-56-amd64 #1 Debian 6.1.192-2"), else one of the same
 * major.minor series, else none; a chosen index of another version comes with a warning.
 */
public final class IndexChoice {
  /**
   * The choice.
   *
   * @param dir the index, or null when none fits
   * @param warning what the reader must know about the match, or null for an exact one
   */
  public record Choice(Path dir, String warning) {}

  private IndexChoice() {}

  /** Picks among the indexes in the index home for RELEASE (null when the capture does not say). */
  public static Choice choose(String release, List<Path> indexes) {
    if (indexes.isEmpty()) {
      return new Choice(null, "no index: build one with 'lockxref index TREE' to join stacks with the source");
    }
    Path sameSeries = null;
    String sameLabel = null;
    java.util.Map<Path, String> labels = new java.util.LinkedHashMap<>(); // each index is opened once
    for (Path dir : indexes) {
      IndexInfo info = info(dir);
      labels.put(dir, info == null ? dir.getFileName() + " (unreadable)" : info.label());
      if (info == null) {
        continue;
      }
      String label = info.label();
      if (release != null && (info.releaseNames().contains(release) || matches(release, label))) {
        return new Choice(dir, null);
      }
      if (release != null && series(release) != null && series(release).equals(series(label)) && sameSeries == null) {
        sameSeries = dir;
        sameLabel = label;
      }
    }
    if (sameSeries != null) {
      return new Choice(sameSeries, "the capture's kernel is " + release + " and the index is of " + sameLabel
          + " (same series, other release): line numbers and some functions may differ");
    }
    if (release == null && indexes.size() == 1) {
      return new Choice(indexes.get(0), "the capture does not say its kernel release; joined with the index of "
          + labels.get(indexes.get(0)));
    }
    return new Choice(null, "no index matches kernel " + (release == null ? "(release not stated)" : release)
        + "; indexes at hand: " + String.join(", ", labels.values())
        + " (force one with --index DIR)");
  }

  /** What to say when joining a capture of RELEASE with the index INFO describes, or null when it is its kernel's. */
  public static String warning(String release, IndexInfo info) {
    if (release == null || info.releaseNames().contains(release) || matches(release, info.label())) {
      return null;
    }
    return "the capture's kernel is " + release + " and the index given is of " + info.label()
        + ": line numbers and some functions may differ";
  }

  /** Whether an index labelled LABEL is of the kernel RELEASE. */
  static boolean matches(String release, String label) {
    return release.equals(label) || release.startsWith(label + "-") || release.startsWith(label + "+")
        || release.matches(".*\\b" + java.util.regex.Pattern.quote(label) + "\\b.*");
  }

  /** "6.1" of "6.1.0-56-amd64" or "6.1.192". */
  static String series(String version) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+\\.\\d+)").matcher(version.strip());
    return m.find() ? m.group(1) : null;
  }

  private static IndexInfo info(Path dir) {
    try (LockIndex index = LockIndex.open(dir)) {
      return index.info();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The indexes in the index home. */
  public static List<Path> available() {
    return IndexHome.indexes();
  }
}
