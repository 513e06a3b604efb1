package dev.lockxref.server;

import dev.lockxref.index.IndexSchema;
import dev.lockxref.index.LockIndex;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** GET /api/search?q=TEXT: what the text may name, for the search box's suggestions. */
final class SearchApi {
  private static final int PER_KIND = 8;

  private final Indexes indexes;

  SearchApi(Indexes indexes) {
    this.indexes = indexes;
  }

  /**
   * A suggestion.
   *
   * @param kind lock, function, file or lockdep
   * @param label what is shown
   * @param query what the page it leads to asks for
   */
  record Suggestion(String kind, String label, String query) {}

  void search(Context ctx) {
    LockIndex index = indexes.of(ctx);
    String q = LockApi.required(ctx, "q").strip();
    List<Suggestion> out = new ArrayList<>();
    Set<String> locks = new LinkedHashSet<>();
    locks.addAll(index.termsWithPrefix(IndexSchema.IDENTITY, q, PER_KIND));
    locks.addAll(index.termsWithPrefix(IndexSchema.IDENTITY, "struct " + q, PER_KIND));
    for (String name : index.termsWithPrefix(IndexSchema.LOCK_NAME, q, PER_KIND)) {
      locks.addAll(index.identitiesNamed(name));
    }
    locks.stream().filter(l -> !l.startsWith("unresolved ")).limit(PER_KIND * 2L)
        .forEach(l -> out.add(new Suggestion("lock", l, l)));
    index.termsWithPrefix(IndexSchema.NAME, q, PER_KIND).forEach(f -> out.add(new Suggestion("function", f, f)));
    index.termsWithPrefix(IndexSchema.FILE, q, PER_KIND).forEach(f -> out.add(new Suggestion("file", f, f)));
    index.termsWithPrefix(IndexSchema.LOCKDEP, q, PER_KIND).forEach(c -> out.add(new Suggestion("lockdep", c, c)));
    ctx.json(out);
  }
}
