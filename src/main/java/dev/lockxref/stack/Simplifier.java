package dev.lockxref.stack;

import dev.lockxref.DataFile;
import dev.lockxref.capture.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Simplifies stacks with the frame lists of {@code noise-frames.txt}: drops unreliable ({@code ?})
 * frames, then wait internals from the top, anything past a thread's first frame, and entry
 * frames from the bottom.
 */
public final class Simplifier {
  private final FrameNames names;
  private final FramePatterns wait;
  private final FramePatterns entry;
  private final FramePatterns end;
  private final boolean keepUnreliable;

  public Simplifier(FrameNames names, boolean keepUnreliable) {
    this.names = names;
    this.keepUnreliable = keepUnreliable;
    List<String> waitList = new ArrayList<>();
    List<String> entryList = new ArrayList<>();
    List<String> endList = new ArrayList<>();
    List<String> into = null;
    for (String line : DataFile.lines(Simplifier.class, "noise-frames.txt")) {
      String t = line.trim();
      if (t.equals("[wait]")) {
        into = waitList;
      } else if (t.equals("[entry]")) {
        into = entryList;
      } else if (t.equals("[end]")) {
        into = endList;
      } else if (into != null) {
        into.add(t);
      }
    }
    this.wait = new FramePatterns(waitList);
    this.entry = new FramePatterns(entryList);
    this.end = new FramePatterns(endList);
  }

  public Simplifier() {
    this(new FrameNames(), false);
  }

  /** The normalised names of the frames kept before simplification (reliable ones, unless asked). */
  public List<String> normalised(List<Frame> frames) {
    List<String> out = new ArrayList<>(frames.size());
    for (Frame f : frames) {
      if (f.reliable() || keepUnreliable) {
        out.add(names.normalise(f));
      }
    }
    return out;
  }

  public SimplifiedStack simplify(List<Frame> frames) {
    List<String> all = normalised(frames);
    int top = 0;
    String waitsIn = null;
    while (top < all.size() && wait.matches(all.get(top))) {
      waitsIn = all.get(top);
      top++;
    }
    int bottom = all.size();
    for (int i = top; i < all.size(); i++) {
      if (end.matches(all.get(i))) {
        bottom = i + 1;
        break;
      }
    }
    while (bottom > top && entry.matches(all.get(bottom - 1))) {
      bottom--;
    }
    if (top == bottom && top > 0 && top == all.size()) {
      // nothing but wait frames: keep the last, so the stack still says where it sleeps
      return new SimplifiedStack(List.of(all.get(top - 1)), null);
    }
    return new SimplifiedStack(all.subList(top, bottom), waitsIn);
  }
}
