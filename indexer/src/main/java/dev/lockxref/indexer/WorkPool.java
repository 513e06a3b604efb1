package dev.lockxref.indexer;

import dev.lockxref.UserError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed pool of daemon threads for one job: submit work (from any thread), then wait for all of
 * it. A failure comes back as it was thrown, or as one line saying what failed.
 */
final class WorkPool implements AutoCloseable {
  private final ExecutorService pool;
  private final String what;
  private final List<Future<?>> running = Collections.synchronizedList(new ArrayList<>());

  /** THREADS threads named after the job; WHAT ("ctags", "scanning") names it in errors. */
  WorkPool(String what, int threads) {
    this.what = what;
    this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "lockxref-" + what);
      t.setDaemon(true);
      return t;
    });
  }

  void submit(Callable<?> work) {
    running.add(pool.submit(work));
  }

  /** Waits for everything submitted so far. */
  void awaitAll() {
    try {
      for (Future<?> f : new ArrayList<>(running)) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new UserError(what + " failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while " + what);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
