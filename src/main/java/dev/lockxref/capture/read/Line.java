package dev.lockxref.capture.read;

/**
 * One input line after its log prefix was removed.
 *
 * @param number 1-based line number in the input (the first of the lines joined into it)
 * @param text the line without its prefix
 * @param raw the line as read (tabs and non-breaking spaces made spaces)
 * @param cut true when the line was longer than the reader's limit and was cut
 * @param frame the stack frame the text holds, when it was read ahead of the parser, else null
 */
public record Line(int number, String text, String raw, boolean cut, dev.lockxref.capture.Frame frame) {
  public Line withFrame(dev.lockxref.capture.Frame f) {
    return new Line(number, text, raw, cut, f);
  }

  /** The time stamp the prefix carried, or null; read from the prefix only when asked. */
  public String time(LogPrefixes prefixes) {
    int prefixLength = raw.length() - text.length();
    return prefixLength <= 0 ? null : prefixes.timeIn(raw.substring(0, prefixLength).stripLeading());
  }
}
