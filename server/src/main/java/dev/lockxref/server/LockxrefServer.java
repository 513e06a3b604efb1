package dev.lockxref.server;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.lockxref.UserError;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lockxref web server: a JSON API under /api (one route per question) and the pages of web/.
 * Built here, started by the caller; bound to loopback unless told otherwise.
 */
public final class LockxrefServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LockxrefServer.class);

  private final ServerConfig config;
  private final Indexes indexes;
  private final Javalin app;

  public LockxrefServer(ServerConfig config) {
    if (config.indexes().isEmpty()) {
      throw new UserError("no index to serve: build one with 'lockxref index TREE' or give --index DIR");
    }
    this.config = config;
    this.indexes = new Indexes(config.indexes());
    this.app = create();
  }

  private Javalin create() {
    AnswerCache cache = new AnswerCache();
    LockApi locks = new LockApi(indexes, cache);
    FunctionApi functions = new FunctionApi(indexes);
    SearchApi search = new SearchApi(indexes);
    SourceApi source = new SourceApi(indexes);
    AnalyzeApi analyze = new AnalyzeApi(indexes, config.indexes(), config.captures(), config.uploadLimit());
    return Javalin.create(c -> {
      c.jetty.host = config.bind();
      c.jetty.port = config.port();
      c.startup.showJavalinBanner = false;
      c.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/web";
        sf.location = Location.CLASSPATH;
      });
      c.routes.apiBuilder(() -> path("/api", () -> {
        get("/indexes", ctx -> ctx.json(indexes.all().stream().map(i -> i.info()).toList()));
        get("/search", search::search);
        get("/sites", locks::sites);
        get("/who-takes", locks::whoTakes);
        get("/held", locks::held);
        get("/function", functions::function);
        get("/why-blocks", functions::whyBlocks);
        get("/callers", functions::callers);
        get("/callees", functions::callees);
        get("/source", source::source);
        post("/analyze", analyze::analyze);
        get("/incidents", analyze::recent);
        get("/incidents/{id}", analyze::incident);
        get("/captures", analyze::captures);
        post("/captures/open", analyze::open);
      }));
      c.routes.exception(UserError.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
      c.routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
      c.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500).json(Map.of("error", "internal error: " + e.getClass().getSimpleName()));
      });
    });
  }

  /** Starts listening; returns the port. */
  public int start() {
    app.start();
    return app.port();
  }

  public String bind() {
    return config.bind();
  }

  @Override
  public void close() {
    app.stop();
    indexes.close();
  }
}
