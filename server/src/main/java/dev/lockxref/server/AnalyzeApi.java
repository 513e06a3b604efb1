package dev.lockxref.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockxref.capture.Capture;
import dev.lockxref.capture.read.CaptureInput;
import dev.lockxref.capture.read.CaptureParser;
import dev.lockxref.index.LockIndex;
import dev.lockxref.join.IndexChoice;
import dev.lockxref.join.Join;
import dev.lockxref.join.JoinResult;
import dev.lockxref.report.JsonReport;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Analyzer;
import dev.lockxref.stack.Simplifier;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Captures in, verdicts out: POST /api/analyze takes one capture as the request body (text, gzip
 * or xz), GET /api/incidents and /api/incidents/{id} give the analyses made, /api/captures lists
 * and opens the files of the --captures folder.
 */
final class AnalyzeApi {
  private final Indexes indexes;
  private final List<Path> indexDirs;
  private final Path captures;
  private final long uploadLimit;
  private final Incidents incidents = new Incidents();
  private final Simplifier simplifier = new Simplifier();
  /** One join per index, shared by every upload: what it learns of the index serves the next capture. */
  private final Map<Path, Join> joins = new java.util.concurrent.ConcurrentHashMap<>();

  /** What an analysis request answers: where the analysis is kept, and how many tasks it read. */
  record Stored(String id, long tasks) {}

  AnalyzeApi(Indexes indexes, List<Path> indexDirs, Path captures, long uploadLimit) {
    this.indexes = indexes;
    this.indexDirs = indexDirs;
    this.captures = captures;
    this.uploadLimit = uploadLimit;
  }

  /** POST /api/analyze?name=FILE_NAME with the capture as the body. */
  void analyze(Context ctx) throws IOException {
    InputStream body = ctx.bodyInputStream();
    if (ctx.contentLength() > uploadLimit) {
      throw refuse(body);
    }
    String name = ctx.queryParamAsClass("name", String.class).getOrDefault("upload");
    if (name.isBlank() || name.length() > 200) {
      throw new BadRequestResponse("give the capture a name of at most 200 characters");
    }
    ObjectNode doc;
    try (InputStream in = CaptureInput.unpack(new Capped(body), name)) {
      doc = analyze(name, new CaptureParser().parse(name, in));
    } catch (OverLimit e) {
      throw refuse(body);
    }
    String id = incidents.add(name, doc);
    ctx.json(new Stored(id, doc.path("taskCount").asLong()));
  }

  /** GET /api/incidents: the analyses made here, newest first. */
  void recent(Context ctx) {
    ctx.json(incidents.recent());
  }

  /** GET /api/incidents/{id}. */
  void incident(Context ctx) {
    ObjectNode doc = incidents.get(ctx.pathParam("id"));
    if (doc == null) {
      throw new NotFoundResponse("no analysis " + ctx.pathParam("id") + " (the server keeps the last 20)");
    }
    ctx.json(doc);
  }

  /** GET /api/captures: the files of the captures folder. */
  void captures(Context ctx) throws IOException {
    List<String> out = new ArrayList<>();
    if (captures != null && Files.isDirectory(captures)) {
      try (Stream<Path> files = Files.list(captures)) {
        files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().forEach(out::add);
      }
    }
    ctx.json(out);
  }

  /** POST /api/captures/open?file=NAME: analyze a file of the captures folder. */
  void open(Context ctx) throws IOException {
    String file = LockApi.required(ctx, "file");
    if (captures == null || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw new BadRequestResponse("refused capture name '" + file + "'");
    }
    Path path = captures.resolve(file);
    if (!Files.isRegularFile(path) || !path.toRealPath().startsWith(captures.toRealPath())) {
      throw new NotFoundResponse("no capture " + file + " in the captures folder");
    }
    ObjectNode doc;
    try (InputStream in = CaptureInput.open(path.toString())) {
      doc = analyze(file, new CaptureParser().parse(file, in));
    }
    String id = incidents.add(file, doc);
    ctx.json(new Stored(id, doc.path("taskCount").asLong()));
  }

  private ObjectNode analyze(String name, List<Capture> parsed) {
    if (parsed.stream().noneMatch(Capture::hasFacts)) {
      throw new BadRequestResponse(name + ": no kernel stacks or lock facts found in any known format");
    }
    Analysis analysis = new Analyzer(simplifier).analyze(parsed);
    String release = analysis.kernelRelease();
    IndexChoice.Choice choice = IndexChoice.choose(release, indexDirs);
    JoinResult join;
    if (choice.dir() == null) {
      join = JoinResult.none(choice.warning());
    } else {
      Join shared = joins.computeIfAbsent(choice.dir(), dir -> {
        LockIndex index = indexes.all().stream().filter(i -> i.dir().equals(dir)).findFirst().orElseThrow();
        return new Join(index, indexes.chainsOf(index), simplifier);
      });
      join = shared.join(analysis, choice.warning());
    }
    ObjectNode doc = new JsonReport().toJson(analysis, join);
    doc.remove("tasks"); // every task's frames: too much for a page, the groups say it
    return doc;
  }

  /**
   * The 413 for an oversize upload, after reading the rest of the body (up to four limits) and
   * dropping it: browsers and most HTTP clients send the whole body before they read any answer,
   * and a connection closed under them shows as a reset instead of the reason.
   */
  private HttpResponseException refuse(InputStream body) {
    byte[] sink = new byte[64 * 1024];
    long left = 4 * uploadLimit;
    try {
      for (int n; left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
        left -= n;
      }
    } catch (IOException gone) {
      // the client hung up: nobody is left to read the answer
    }
    return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(),
        "the capture is larger than this server takes (" + uploadLimit / (1024 * 1024) + " MiB; serve --upload-limit)", Map.of());
  }

  /** The request body, refused past the limit even when no length was declared. */
  private final class Capped extends FilterInputStream {
    private long read;

    Capped(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      count(Math.max(0, n));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > uploadLimit) {
        throw new OverLimit();
      }
    }
  }

  /** Thrown through the unpacking and parsing streams once the body passes the limit. */
  private static final class OverLimit extends RuntimeException {
    OverLimit() {
      super(null, null, false, false);
    }
  }
}
