package dev.lockxref.server;

import dev.lockxref.index.BlockingChains;
import dev.lockxref.index.LockIndex;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The function questions: its definitions, lock operations, callers, callees and why it may block. */
final class FunctionApi {
  private final Indexes indexes;

  FunctionApi(Indexes indexes) {
    this.indexes = indexes;
  }

  /** GET /api/function?name=F: definitions, lock sites in it, callers, callees, blocking chains. */
  void function(Context ctx) {
    LockIndex index = indexes.of(ctx);
    String name = resolve(index, LockApi.required(ctx, "name"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("definitions", index.functions(name));
    out.put("lockSites", index.sitesInFunction(name));
    out.put("callers", index.callers(name));
    out.put("callees", index.callees(name));
    out.put("blocking", whyBlocks(index, name, null, List.of()));
    ctx.json(out);
  }

  /** GET /api/why-blocks?name=F[&kind=K][&through=G...]. */
  void whyBlocks(Context ctx) {
    LockIndex index = indexes.of(ctx);
    String name = resolve(index, LockApi.required(ctx, "name"));
    ctx.json(whyBlocks(index, name, ctx.queryParam("kind"), ctx.queryParams("through")));
  }

  /** GET /api/callers?name=F. */
  void callers(Context ctx) {
    LockIndex index = indexes.of(ctx);
    ctx.json(index.callers(resolve(index, LockApi.required(ctx, "name"))));
  }

  /** GET /api/callees?name=F. */
  void callees(Context ctx) {
    LockIndex index = indexes.of(ctx);
    ctx.json(index.callees(resolve(index, LockApi.required(ctx, "name"))));
  }

  /** One definition's chains, by kind. */
  record Chains(String function, String file, int line, Map<String, List<BlockingChains.Step>> chains) {}

  private static List<Chains> whyBlocks(LockIndex index, String name, String kind, List<String> through) {
    BlockingChains chains = new BlockingChains(index);
    List<Chains> out = new ArrayList<>();
    for (LockIndex.FunctionRef f : index.functions(name)) {
      out.add(new Chains(f.name(), f.file(), f.line(), chains.byKind(f, kind, through)));
    }
    return out;
  }

  private static String resolve(LockIndex index, String name) {
    String f = index.functionsAliased(name).stream().findFirst().orElse(name);
    if (!index.hasFunction(f) && index.sitesInFunction(f).isEmpty()) {
      throw new NotFoundResponse("no function '" + name + "' in the index of " + index.info().label());
    }
    return f;
  }
}
