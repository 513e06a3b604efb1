package dev.lockxref.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last answers of the index questions, by request path and query: the indexes never change
 * while served, and an incident brings many people to the same few lock pages.
 */
final class AnswerCache {
  private static final int KEPT = 512;

  private final Map<String, Object> answers = new LinkedHashMap<>(KEPT, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > KEPT;
    }
  };

  /** Answers CTX with the remembered value for its URL, or with ANSWER's, remembered. */
  void json(Context ctx, Supplier<Object> answer) {
    String key = ctx.path() + "?" + (ctx.queryString() == null ? "" : ctx.queryString());
    Object value;
    synchronized (answers) {
      value = answers.get(key);
    }
    if (value == null) {
      value = answer.get();
      synchronized (answers) {
        answers.put(key, value);
      }
    }
    ctx.json(value);
  }
}
