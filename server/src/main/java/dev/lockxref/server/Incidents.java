package dev.lockxref.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last analyses made on this server, by id, newest last; the oldest go when there are too many. */
final class Incidents {
  private static final int KEPT = 20;

  /** What the home page lists about one. */
  record Summary(String id, String name, long tasks, String topLock, String at) {}

  private final Map<String, ObjectNode> byId = new LinkedHashMap<>();
  private final List<Summary> summaries = new ArrayList<>();
  private int next = 1;

  synchronized String add(String name, ObjectNode doc) {
    String id = "i" + next++;
    doc.put("id", id);
    doc.put("name", name);
    byId.put(id, doc);
    String top = doc.path("contended").path(0).path("identity").asText(null);
    summaries.add(new Summary(id, name, doc.path("taskCount").asLong(), top, java.time.Instant.now().toString()));
    while (byId.size() > KEPT) {
      String oldest = byId.keySet().iterator().next();
      byId.remove(oldest);
      summaries.removeIf(s -> s.id().equals(oldest));
    }
    return id;
  }

  synchronized ObjectNode get(String id) {
    return byId.get(id);
  }

  synchronized List<Summary> recent() {
    List<Summary> out = new ArrayList<>(summaries);
    java.util.Collections.reverse(out);
    return out;
  }
}
