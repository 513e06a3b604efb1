package dev.lockxref.index;

import dev.lockxref.DataFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a tree linked apart from the kernel ({@code separate-images.txt}): which one a path
 * belongs to, so that calls never cross from one to another.
 */
final class SeparateImages {
  private static final List<String> TOP = new ArrayList<>();
  /** The prefixes under each architecture's directory, without their "arch/NAME/". */
  private static final List<String> UNDER_ARCH = new ArrayList<>();

  static {
    for (String line : DataFile.lines(SeparateImages.class, "separate-images.txt")) {
      String prefix = line.strip();
      if (prefix.startsWith("arch/*/")) {
        UNDER_ARCH.add(prefix.substring("arch/*/".length()));
      } else {
        TOP.add(prefix);
      }
    }
  }

  private SeparateImages() {}

  /**
   * The length of the prefix of PATH that names its separate part ("tools/", "arch/x86/boot/"), or
   * 0 for the kernel itself.
   */
  private static int partLength(String path) {
    if (path.startsWith("arch/")) {
      int slash = path.indexOf('/', 5);
      if (slash > 0) {
        for (String under : UNDER_ARCH) {
          if (path.startsWith(under, slash + 1)) {
            return slash + 1 + under.length();
          }
        }
      }
      return 0;
    }
    for (String top : TOP) {
      if (path.startsWith(top)) {
        return top.length();
      }
    }
    return 0;
  }

  /** Whether code in A can call code in B: both in the kernel, or both in the same separate part. */
  static boolean linkedTogether(String a, String b) {
    int length = partLength(a);
    return length == partLength(b) && a.regionMatches(0, b, 0, length);
  }
}
