package dev.lockxref.capture.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of at most {@code maxChars} characters: a longer line is cut there and the rest of
 * it discarded, so that a 1 GiB line costs no more memory than a short one. Bytes are decoded as
 * UTF-8 leniently (malformed bytes become U+FFFD); CR before LF and NUL bytes are dropped.
 */
public final class BoundedLineReader {
  private final InputStream in;
  private final int maxChars;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int len;
  private byte[] line = new byte[256];
  private boolean lastWasCut;

  public BoundedLineReader(InputStream in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line, or null at the end of input. */
  public String readLine() throws IOException {
    int n = 0;
    boolean cut = false;
    boolean sawAny = false;
    while (true) {
      if (pos == len) {
        len = in.read(buf, 0, buf.length);
        pos = 0;
        if (len <= 0) {
          len = 0;
          if (!sawAny) {
            return null;
          }
          break;
        }
      }
      sawAny = true;
      byte b = buf[pos++];
      if (b == '\n') {
        break;
      }
      if (b == 0) {
        continue;
      }
      if (n < maxChars) {
        if (n == line.length) {
          byte[] bigger = new byte[Math.min(line.length * 2, maxChars)];
          System.arraycopy(line, 0, bigger, 0, n);
          line = bigger;
        }
        line[n++] = b;
      } else {
        cut = true;
      }
    }
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    lastWasCut = cut;
    return new String(line, 0, n, StandardCharsets.UTF_8);
  }

  /** True when the line last returned was longer than the limit and was cut. */
  public boolean lastWasCut() {
    return lastWasCut;
  }
}
