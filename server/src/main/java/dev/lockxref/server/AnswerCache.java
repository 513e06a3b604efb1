package dev.lockxref.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The last answers of the index questions, by request path and query: the indexes never change
 * while served, and an incident brings many people to the same few lock pages. Requests for an
 * answer being worked out wait for it instead of working it out again.
 */
final class AnswerCache {
  private static final int KEPT = 512;

  // the JSON text is kept, not the objects: writing a large answer out again costs more than sending it
  private final Map<String, CompletableFuture<String>> answers = new LinkedHashMap<>(KEPT, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<String>> eldest) {
      return size() > KEPT;
    }
  };

  /** Answers CTX with the remembered value for its URL, or with ANSWER's, remembered. */
  void json(Context ctx, Supplier<Object> answer) {
    String key = ctx.path() + "?" + (ctx.queryString() == null ? "" : ctx.queryString());
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> known;
    synchronized (answers) {
      known = answers.putIfAbsent(key, mine);
    }
    if (known == null) {
      try {
        Object value = answer.get();
        mine.complete(ctx.jsonMapper().toJsonString(value, value.getClass()));
      } catch (RuntimeException e) {
        synchronized (answers) {
          answers.remove(key);
        }
        mine.completeExceptionally(e);
        throw e;
      }
      known = mine;
    }
    try {
      ctx.contentType("application/json").result(known.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
