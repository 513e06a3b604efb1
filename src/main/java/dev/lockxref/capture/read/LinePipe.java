package dev.lockxref.capture.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Reads lines on a thread of its own (reading, decoding and removing prefixes is a third of the
 * work) and hands them over in batches, so the parser runs on another core meanwhile.
 */
final class LinePipe {
  private static final int BATCH = 2048;
  private static final List<Line> END = List.of();

  private LinePipe() {}

  /**
   * Feeds every line of SOURCE to SINK, in order, on the calling thread; READ_AHEAD runs on the
   * reading thread first (it may attach what it read from a line).
   */
  static void run(LineSource source, java.util.function.UnaryOperator<Line> readAhead, Consumer<Line> sink) {
    BlockingQueue<List<Line>> queue = new ArrayBlockingQueue<>(16);
    Throwable[] failure = new Throwable[1];
    Thread reader = new Thread(() -> {
      try {
        List<Line> batch = new ArrayList<>(BATCH);
        for (Line line; (line = source.next()) != null; ) {
          batch.add(readAhead.apply(line));
          if (batch.size() == BATCH) {
            queue.put(batch);
            batch = new ArrayList<>(BATCH);
          }
        }
        if (!batch.isEmpty()) {
          queue.put(batch);
        }
      } catch (IOException | RuntimeException e) {
        failure[0] = e;
      } catch (InterruptedException e) {
        return;
      } finally {
        try {
          queue.put(END);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "lockxref-line-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      for (List<Line> batch; (batch = queue.take()) != END; ) {
        batch.forEach(sink);
      }
      reader.join();
    } catch (InterruptedException e) {
      reader.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a capture", e);
    }
    if (failure[0] instanceof IOException io) {
      throw new UncheckedIOException(io);
    }
    if (failure[0] instanceof RuntimeException re) {
      throw re;
    }
  }
}
