package dev.lockxref.cli.commands;

import dev.lockxref.indexer.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress line on stderr (phase, done/total, rate, ETA), redrawn in place on a terminal and
 * printed once per phase otherwise.
 */
final class TerminalProgress implements Progress {
  private final PrintWriter err;
  private final boolean redraw;
  private final AtomicLong done = new AtomicLong();
  private volatile String phase = "";
  private volatile long total;
  private volatile long started;
  private volatile long lastDraw;

  TerminalProgress(PrintWriter err, boolean redraw) {
    this.err = err;
    this.redraw = redraw;
  }

  @Override
  public void phase(String name, long total) {
    this.phase = name;
    this.total = total;
    this.done.set(0);
    this.started = System.nanoTime();
    draw(true);
  }

  @Override
  public void advance(long n) {
    done.addAndGet(n);
    draw(false);
  }

  @Override
  public void endPhase() {
    draw(true);
    if (redraw) {
      err.println();
    }
    err.flush();
  }

  private synchronized void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    double secs = Math.max(1e-3, (now - started) / 1e9);
    long d = done.get();
    double rate = d / secs;
    String eta = rate > 0 && d < total ? String.format(Locale.ROOT, ", ETA %.0f s", (total - d) / rate)
        : String.format(Locale.ROOT, ", %.1f s", secs);
    String line = String.format(Locale.ROOT, "%-6s %d/%d (%.0f/s%s)", phase, d, total, rate, eta);
    if (redraw) {
      err.print("\r" + line + "   ");
      err.flush();
    } else if (force && d == total) {
      err.println(line);
      err.flush();
    }
  }
}
