package dev.lockxref.server;

import dev.lockxref.index.LockIndex;
import dev.lockxref.index.TreeFiles;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The indexes a server serves, opened once, by label; requests pick one with ?index=LABEL (default: the first). */
final class Indexes implements AutoCloseable {
  private final Map<String, LockIndex> byLabel = new LinkedHashMap<>();
  private final Map<String, TreeFiles> trees = new LinkedHashMap<>();
  private final Map<String, dev.lockxref.index.BlockingChains> chains = new LinkedHashMap<>();

  Indexes(List<Path> dirs) {
    for (Path dir : dirs) {
      LockIndex index = LockIndex.open(dir);
      byLabel.putIfAbsent(index.info().label(), index);
      trees.putIfAbsent(index.info().label(), new TreeFiles(Path.of(index.info().tree())));
      chains.putIfAbsent(index.info().label(), new dev.lockxref.index.BlockingChains(index));
    }
  }

  LockIndex of(Context ctx) {
    return byLabel.get(label(ctx));
  }

  /** The evidence chains of the index CTX asks about, shared by all requests. */
  dev.lockxref.index.BlockingChains chainsOf(Context ctx) {
    return chains.get(label(ctx));
  }

  /** The evidence chains of INDEX, shared by all requests and joins. */
  dev.lockxref.index.BlockingChains chainsOf(LockIndex index) {
    return chains.get(index.info().label());
  }

  TreeFiles treeOf(Context ctx) {
    return trees.get(label(ctx));
  }

  private String label(Context ctx) {
    String wanted = ctx.queryParam("index");
    if (wanted == null || wanted.isEmpty()) {
      return byLabel.keySet().iterator().next();
    }
    if (!byLabel.containsKey(wanted)) {
      throw new NotFoundResponse("no index labelled '" + wanted + "' is served");
    }
    return wanted;
  }

  List<LockIndex> all() {
    return List.copyOf(byLabel.values());
  }

  @Override
  public void close() {
    byLabel.values().forEach(LockIndex::close);
  }
}
