package dev.lockxref.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The last answers of the index questions, by request path and query: the indexes never change
 * while served, and an incident brings many people to the same few lock pages. Requests for an
 * answer being worked out wait for it instead of working it out again.
 */
final class AnswerCache {
  private static final int KEPT = 512;

  /** An answer as sent: its JSON in UTF-8, and gzipped for the clients that take it (browsers do). */
  private record Answer(byte[] json, byte[] gzipped) {
    static Answer of(String json) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Answer(bytes, out.toByteArray());
    }
  }

  // the answer is kept as bytes, not objects: writing a large answer out (and compressing it) again
  // costs more than sending it
  private final Map<String, CompletableFuture<Answer>> answers = new LinkedHashMap<>(KEPT, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Answer>> eldest) {
      return size() > KEPT;
    }
  };

  /** Answers CTX with the remembered value for its URL, or with ANSWER's, remembered. */
  void json(Context ctx, Supplier<Object> answer) {
    String key = ctx.path() + "?" + (ctx.queryString() == null ? "" : ctx.queryString());
    CompletableFuture<Answer> mine = new CompletableFuture<>();
    CompletableFuture<Answer> known;
    synchronized (answers) {
      known = answers.putIfAbsent(key, mine);
    }
    if (known == null) {
      try {
        Object value = answer.get();
        mine.complete(Answer.of(ctx.jsonMapper().toJsonString(value, value.getClass())));
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
      Answer a = known.join();
      ctx.contentType("application/json").header("Vary", "Accept-Encoding");
      String accepted = ctx.header("Accept-Encoding");
      if (accepted != null && accepted.contains("gzip")) {
        // Javalin leaves a response that names its encoding as it is
        ctx.header("Content-Encoding", "gzip").result(a.gzipped());
      } else {
        ctx.result(a.json());
      }
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
