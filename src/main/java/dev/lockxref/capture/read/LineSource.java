package dev.lockxref.capture.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns raw input into {@link Line}s: removes log prefixes, folds non-breaking spaces and tabs to
 * spaces, and rejoins lines that a mail client wrapped. Wrapping is recognised where most lines
 * carry a log prefix (two in five or more): a line without one, after a line with one,
 * continues it.
 */
public final class LineSource {
  /** Longest line kept; the rest of a longer line is dropped. */
  public static final int MAX_LINE = 4096;

  private final BoundedLineReader reader;
  private final LogPrefixes prefixes;
  private int number;
  private int prefixed;
  private Line pending;
  private boolean pendingHadPrefix;

  public LineSource(InputStream in, LogPrefixes prefixes) {
    this.reader = new BoundedLineReader(in, MAX_LINE);
    this.prefixes = prefixes;
  }

  /** The next line, or null at the end of input. */
  public Line next() throws IOException {
    while (true) {
      String raw = reader.readLine();
      if (raw == null) {
        Line last = pending;
        pending = null;
        return last;
      }
      number++;
      boolean cut = reader.lastWasCut();
      String clean = normalise(raw);
      LogPrefixes.Stripped s = prefixes.strip(clean);
      if (s.hadPrefix()) {
        prefixed++;
      }
      Line line = new Line(number, s.text(), s.hadPrefix() ? clean : s.text(), cut, null);
      if (pending != null && continuesPending(s)) {
        pending = join(pending, line);
        continue;
      }
      Line out = pending;
      pending = line;
      pendingHadPrefix = s.hadPrefix();
      if (out != null) {
        return out;
      }
    }
  }

  /**
   * A frame printed whole ("path_openat+0x337/0x1260"): only its module can have wrapped to the
   * next line; anything else there is another writer's output.
   */
  private static final java.util.regex.Pattern WHOLE_FRAME =
      java.util.regex.Pattern.compile(".*\\+0x[0-9a-f]+/0x[0-9a-f]+(?: \\[[\\w-]+\\])?\\s*$");

  private boolean continuesPending(LogPrefixes.Stripped s) {
    return !s.hadPrefix()
        && pendingHadPrefix
        && (!WHOLE_FRAME.matcher(pending.text()).matches() || s.text().strip().matches("\\[[\\w-]+\\]"))
        && number >= 2
        && prefixed * 10 >= (number - 1) * 4
        && !s.text().isBlank();
  }

  private static Line join(Line first, Line rest) {
    String a = first.text();
    String b = rest.text().strip();
    String text = a.isEmpty() || a.endsWith(" ") ? a + b : a + " " + b;
    String prefix = first.raw().substring(0, first.raw().length() - first.text().length());
    return new Line(first.number(), text, prefix + text, first.cut() || rest.cut(), null);
  }

  private static String normalise(String raw) {
    if (raw.indexOf('\u00a0') < 0 && raw.indexOf('\t') < 0) {
      return raw;
    }
    return raw.replace('\u00a0', ' ').replace('\t', ' ');
  }
}
