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
    boolean nul = false;
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
      int end = pos;
      while (end < len && buf[end] != '\n') {
        end++;
      }
      int chunk = end - pos;
      int room = maxChars - n;
      int take = Math.min(chunk, room);
      if (take > 0) {
        if (n + take > line.length) {
          byte[] bigger = new byte[Math.min(Math.max(line.length * 2, n + take), maxChars)];
          System.arraycopy(line, 0, bigger, 0, n);
          line = bigger;
        }
        System.arraycopy(buf, pos, line, n, take);
        for (int i = n; i < n + take && !nul; i++) {
          nul = line[i] == 0;
        }
        n += take;
      }
      if (chunk > take) {
        cut = true;
      }
      pos = end;
      if (end < len) {
        pos++;
        break;
      }
    }
    if (nul) {
      n = dropNuls(n);
    }
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    lastWasCut = cut;
    return new String(line, 0, n, StandardCharsets.UTF_8);
  }

  private int dropNuls(int n) {
    int w = 0;
    for (int r = 0; r < n; r++) {
      if (line[r] != 0) {
        line[w++] = line[r];
      }
    }
    return w;
  }

  /** True when the line last returned was longer than the limit and was cut. */
  public boolean lastWasCut() {
    return lastWasCut;
  }
}
