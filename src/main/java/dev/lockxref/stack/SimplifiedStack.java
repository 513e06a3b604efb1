package dev.lockxref.stack;

import java.util.List;

/**
 * A stack without scheduler, lock-slowpath and entry frames, with names normalised.
 *
 * @param frames what is left, innermost first; the first is the wait site
 * @param waitsIn the wait primitive the wait site called (the outermost frame removed from the
 *     top, e.g. {@code rwsem_down_write_slowpath}), or null when none was removed
 */
public record SimplifiedStack(List<String> frames, String waitsIn) {
  public SimplifiedStack {
    frames = List.copyOf(frames);
  }

  /** The frame that called into the wait, or "?" for an empty stack. */
  public String waitSite() {
    return frames.isEmpty() ? "?" : frames.get(0);
  }

  /** The stack as one line, innermost first: "a < b < c". */
  public String oneLine() {
    return String.join(" < ", frames);
  }
}
