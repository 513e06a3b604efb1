package dev.lockxref.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Frame;
import dev.lockxref.capture.HeldLock;
import dev.lockxref.capture.LockdepHolder;
import dev.lockxref.capture.LockStat;
import dev.lockxref.capture.Skipped;
import dev.lockxref.capture.Task;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Group;
import dev.lockxref.stack.TaskView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The JSON document of {@code analyze --format json}. Its schema is in the README; later versions
 * add fields, never rename them. {@code schemaVersion} says which.
 */
public final class JsonReport {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  public ObjectNode toJson(Analysis a) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("taskCount", a.taskCount());
    ArrayNode caps = root.putArray("captures");
    for (Capture c : a.captures()) {
      ObjectNode n = caps.addObject();
      n.put("source", c.source());
      n.putPOJO("formats", c.formats());
      n.put("time", c.time());
      n.put("kernelRelease", c.kernelRelease());
      n.put("taskCount", c.tasks().size());
    }
    ArrayNode groups = root.putArray("groups");
    for (Group g : a.groups()) {
      ObjectNode n = groups.addObject();
      n.put("id", g.id());
      n.put("count", g.count());
      n.putPOJO("perCapture", g.perCapture());
      n.putPOJO("states", g.states());
      activity(n, g.activity().id(), g.activity().description(), g.activity().evidence());
      n.put("waitSite", g.stack().waitSite());
      n.put("waitsIn", g.stack().waitsIn());
      n.putPOJO("frames", g.stack().frames());
      n.put("short", g.stack().waitSite() + (g.stack().waitsIn() == null ? "" : " (" + g.stack().waitsIn() + ")"));
      n.putPOJO("example", g.example());
      n.putPOJO("pids", g.pids());
      n.putPOJO("comms", g.comms());
    }
    ArrayNode tasks = root.putArray("tasks");
    for (TaskView v : a.tasks()) {
      Task t = v.task();
      ObjectNode n = tasks.addObject();
      n.put("capture", v.capture());
      n.put("pid", t.pid());
      n.put("comm", t.comm());
      n.put("state", t.state());
      if (t.cpu() >= 0) {
        n.put("cpu", t.cpu());
      }
      if (t.weight() != 1) {
        n.put("weight", t.weight());
      }
      if (t.wchan() != null) {
        n.put("wchan", t.wchan());
      }
      n.put("line", t.line());
      n.put("activity", v.activity().id());
      n.put("group", v.group());
      n.put("waitSite", v.stack().waitSite());
      ArrayNode frames = n.putArray("frames");
      for (Frame f : t.frames()) {
        frames.add(frame(f));
      }
      if (t.blocker() != null) {
        ObjectNode b = n.putObject("blocker");
        b.put("kind", t.blocker().kind());
        b.put("ownerComm", t.blocker().ownerComm());
        b.put("ownerPid", t.blocker().ownerPid());
        b.put("text", t.blocker().text());
      }
    }
    ArrayNode stuck = root.putArray("stuck");
    for (Analysis.Stuck s : a.stuck()) {
      ObjectNode n = stuck.addObject();
      n.put("pid", s.pid());
      n.put("comm", s.comm());
      n.put("group", s.groupId());
      n.put("waitSite", s.waitSite());
      n.put("captures", s.captures());
    }
    ArrayNode held = root.putArray("heldLocks");
    ArrayNode holders = root.putArray("lockdepHolders");
    ArrayNode stats = root.putArray("lockStats");
    ArrayNode skipped = root.putArray("skipped");
    for (int i = 0; i < a.captures().size(); i++) {
      Capture c = a.captures().get(i);
      for (HeldLock h : c.heldLocks()) {
        ObjectNode n = held.addObject();
        n.put("capture", i);
        n.put("comm", h.comm());
        n.put("pid", h.pid());
        n.put("index", h.index());
        n.put("address", h.address());
        n.put("class", h.lockClass());
        n.set("at", h.at() == null ? null : frame(h.at()));
      }
      for (LockdepHolder h : c.lockdepHolders()) {
        ObjectNode n = holders.addObject();
        n.put("capture", i);
        n.put("comm", h.comm());
        n.put("pid", h.pid());
        n.put("count", h.count());
        n.put("listed", c.listedLocks(h.pid()));
      }
      for (LockStat s : c.lockStats()) {
        ObjectNode n = stats.addObject();
        n.put("capture", i);
        n.put("name", s.name());
        n.put("type", s.type());
        n.put("contended", s.contended());
        n.put("totalWait", s.totalWait());
        ArrayNode frames = n.putArray("frames");
        s.frames().forEach(f -> frames.add(frame(f)));
      }
      for (Skipped s : c.skipped()) {
        ObjectNode n = skipped.addObject();
        n.put("capture", i);
        n.put("reason", s.reason());
        n.put("count", s.count());
        n.putPOJO("exampleLines", s.exampleLines());
      }
    }
    return root;
  }

  private static void activity(ObjectNode n, String id, String description, String evidence) {
    n.put("activity", id);
    n.put("activityText", description);
    n.put("evidence", evidence);
  }

  private static ObjectNode frame(Frame f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("function", f.function());
    if (f.offset() >= 0) {
      n.put("offset", f.offset());
    }
    if (f.size() >= 0) {
      n.put("size", f.size());
    }
    if (f.module() != null) {
      n.put("module", f.module());
    }
    if (!f.reliable()) {
      n.put("reliable", false);
    }
    if (f.file() != null) {
      n.put("file", f.file());
      n.put("line", f.line());
    }
    if (f.inlined()) {
      n.put("inlined", true);
    }
    return n;
  }

  /** The document with the join's verdict: index, indexWarning, contended[], waitChains[], cycles[], profile[]. */
  public ObjectNode toJson(Analysis a, dev.lockxref.join.JoinResult join) {
    ObjectNode root = toJson(a);
    if (join != null) {
      root.put("index", join.index());
      root.put("indexWarning", join.warning());
      root.putPOJO("contended", join.contended());
      root.putPOJO("waitChains", join.waitChains());
      root.putPOJO("cycles", join.cycles());
      root.putPOJO("profile", join.profile());
    }
    return root;
  }

  public void write(Analysis a, Writer out) {
    write(a, null, out);
  }

  public void write(Analysis a, dev.lockxref.join.JoinResult join, Writer out) {
    try {
      MAPPER.writeValue(out, toJson(a, join));
      out.write(System.lineSeparator());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
