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
   * The part PATH belongs to: the prefix it starts with ("tools/", "arch/x86/boot/"), or the empty
   * string for the kernel itself. Equal parts are equal strings.
   */
  static String of(String path) {
    if (path.startsWith("arch/")) {
      int slash = path.indexOf('/', 5);
      if (slash > 0) {
        for (String under : UNDER_ARCH) {
          if (path.startsWith(under, slash + 1)) {
            return path.substring(0, slash + 1 + under.length());
          }
        }
      }
      return "";
    }
    for (String top : TOP) {
      if (path.startsWith(top)) {
        return top;
      }
    }
    return "";
  }

  /** Whether code in A can call code in B: both in the kernel, or both in the same separate part. */
  static boolean linkedTogether(String a, String b) {
    return of(a).equals(of(b));
  }
}
