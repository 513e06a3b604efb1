package dev.lockxref.server;

import dev.lockxref.index.Held;
import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.TreeFiles;
import dev.lockxref.index.WhoTakes;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lock questions: who takes it (with source excerpts), what happens while it is held. */
final class LockApi {
  private final Indexes indexes;
  private final AnswerCache cache;

  LockApi(Indexes indexes, AnswerCache cache) {
    this.indexes = indexes;
    this.cache = cache;
  }

  /** A site with the lines around it. */
  record SiteWithSource(LockSite site, int firstLine, List<String> excerpt) {}

  /** GET /api/sites?q=QUERY[&functions=N]: the lock's sites grouped by function (the first N), each with a source excerpt. */
  void sites(Context ctx) {
    cache.json(ctx, () -> sitesOf(ctx));
  }

  private List<Map<String, Object>> sitesOf(Context ctx) {
    LockIndex index = indexes.of(ctx);
    TreeFiles tree = indexes.treeOf(ctx);
    int limit = ctx.queryParamAsClass("functions", Integer.class).check(n -> n == null || n >= 0, "functions must be 0 or more")
        .getOrDefault(0);
    List<Map<String, Object>> out = new ArrayList<>();
    for (WhoTakes.Answer a : new WhoTakes(index).ask(required(ctx, "q"))) {
      Map<String, List<LockSite>> grouped = new LinkedHashMap<>();
      for (LockSite s : a.sites()) {
        grouped.computeIfAbsent(s.function() + " " + s.file(), k -> new ArrayList<>()).add(s);
      }
      Map<String, List<SiteWithSource>> byFunction = new LinkedHashMap<>();
      for (Map.Entry<String, List<LockSite>> e : grouped.entrySet()) {
        if (limit > 0 && byFunction.size() == limit) {
          break;
        }
        byFunction.put(e.getKey(), e.getValue().stream().map(s -> withSource(tree, s)).toList());
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("identity", a.identity());
      answer.put("readAs", a.readAs());
      answer.put("acquisitions", a.acquisitions().size());
      answer.put("functionCount", grouped.size());
      answer.put("byFunction", byFunction);
      out.add(answer);
    }
    return out;
  }

  /** GET /api/who-takes?q=QUERY: the acquisition sites, as the CLI gives them. */
  void whoTakes(Context ctx) {
    ctx.json(new WhoTakes(indexes.of(ctx)).ask(required(ctx, "q")).stream().map(WhoTakes.Answer::acquiring).toList());
  }

  /**
   * GET /api/held?q=QUERY[&in=FUNCTION][&kind=KIND][&through=F...][&chains=N][&sites=M][&calls=K]: the
   * M most telling sites (default all) with K blocking calls each (default all), N of them with their
   * chains (default all).
   */
  void held(Context ctx) {
    int chainsFor = ctx.queryParamAsClass("chains", Integer.class).check(n -> n == null || n >= 0, "chains must be 0 or more").getOrDefault(0);
    int shown = ctx.queryParamAsClass("sites", Integer.class).check(n -> n == null || n >= 0, "sites must be 0 or more").getOrDefault(0);
    int calls = ctx.queryParamAsClass("calls", Integer.class).check(n -> n == null || n >= 0, "calls must be 0 or more").getOrDefault(0);
    Held.Filter filter = new Held.Filter(ctx.queryParam("in"), ctx.queryParam("kind"), ctx.queryParams("through"), chainsFor, shown, calls);
    String q = required(ctx, "q");
    cache.json(ctx, () -> new Held(indexes.of(ctx), indexes.chainsOf(ctx)).ask(q, filter));
  }

  private static SiteWithSource withSource(TreeFiles tree, LockSite s) {
    int first = Math.max(1, s.line() - 2);
    return new SiteWithSource(s, first, tree.excerpt(s.file(), first, s.line() + 2));
  }

  static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw new BadRequestResponse("missing query parameter '" + name + "'");
    }
    return v;
  }
}
