package dev.lockxref.capture;

/**
 * One frame of a kernel stack as the capture printed it.
 *
 * @param function the symbol name, e.g. {@code rwsem_down_write_slowpath}
 * @param offset offset into the function, -1 when not given
 * @param size size of the function, -1 when not given
 * @param module the module in brackets ({@code xfs}), or null for the core kernel
 * @param reliable false for frames the unwinder marked with {@code ?}
 * @param file the source file when the capture gives one ({@code bt -l}, syzbot), else null
 * @param line the source line, or 0
 * @param inlined true for {@code [inline]} frames of symbolized traces
 */
public record Frame(
    String function,
    long offset,
    long size,
    String module,
    boolean reliable,
    String file,
    int line,
    boolean inlined) {

  public Frame {
    if (function == null || function.isEmpty()) {
      throw new IllegalArgumentException("a frame needs a function name");
    }
  }

  /** A frame with only a function name, as in folded stacks. */
  public static Frame named(String function) {
    return new Frame(function, -1, -1, null, true, null, 0, false);
  }

  public Frame withSource(String sourceFile, int sourceLine) {
    return new Frame(function, offset, size, module, reliable, sourceFile, sourceLine, inlined);
  }

  /** {@code func+0x1c/0x30 [module]}, as a kernel prints it. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (!reliable) {
      sb.append("? ");
    }
    sb.append(function);
    if (offset >= 0) {
      sb.append("+0x").append(Long.toHexString(offset));
      if (size >= 0) {
        sb.append("/0x").append(Long.toHexString(size));
      }
    }
    if (module != null) {
      sb.append(" [").append(module).append(']');
    }
    if (file != null) {
      sb.append(' ').append(file);
      if (line > 0) {
        sb.append(':').append(line);
      }
    }
    return sb.toString();
  }
}
