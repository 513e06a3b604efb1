package dev.lockxref.server;

import dev.lockxref.index.LockIndex;
import dev.lockxref.index.TreeFiles;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET /api/source?file=PATH: a file of the indexed tree with its lock sites, the functions it
 * defines and which of its identifiers are functions of the index (for links). Only files inside
 * the tree are served (TreeFiles refuses the rest).
 */
final class SourceApi {
  private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]{2,}\\b");

  private final Indexes indexes;

  SourceApi(Indexes indexes) {
    this.indexes = indexes;
  }

  void source(Context ctx) {
    LockIndex index = indexes.of(ctx);
    TreeFiles tree = indexes.treeOf(ctx);
    String file = LockApi.required(ctx, "file");
    List<String> lines = tree.lines(file);
    Set<String> identifiers = new TreeSet<>();
    for (String line : lines) {
      Matcher m = IDENTIFIER.matcher(line);
      while (m.find()) {
        identifiers.add(m.group());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", file);
    out.put("index", index.info().label());
    out.put("lines", lines);
    out.put("sites", index.sitesAt(file, 0));
    out.put("functions", index.functionsIn(file));
    out.put("linked", index.definedFunctions(identifiers));
    ctx.json(out);
  }
}
