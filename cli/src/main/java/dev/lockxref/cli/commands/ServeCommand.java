package dev.lockxref.cli.commands;

import dev.lockxref.UserError;
import dev.lockxref.index.IndexHome;
import dev.lockxref.server.LockxrefServer;
import dev.lockxref.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lockxref serve}: the web UI and the JSON API. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the web UI and the JSON API (/api/...) over one or more indexes. Listens on loopback",
      "unless --bind says otherwise: captures and source are for the people at this machine."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--index", paramLabel = "DIR", description = "an index to serve (repeatable; default: every index in the index home)")
  List<Path> indexes = List.of();

  @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "port (default ${DEFAULT-VALUE}; 0 for any free one)")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ServerConfig.LOOPBACK, description = "address to listen on (default ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--captures", paramLabel = "DIR", description = "a folder of capture files the incident page can open")
  Path captures;

  @Option(names = "--upload-limit", paramLabel = "MiB", defaultValue = "64", description = "largest capture upload (default ${DEFAULT-VALUE} MiB)")
  long uploadLimitMiB;

  @Override
  public Integer call() throws InterruptedException {
    List<Path> dirs = indexes.isEmpty() ? IndexHome.indexes() : indexes;
    if (captures != null && !Files.isDirectory(captures)) {
      throw new UserError(captures + ": not a folder of captures");
    }
    if (uploadLimitMiB < 1) {
      throw new UserError("--upload-limit must be at least 1 MiB");
    }
    LockxrefServer server = new LockxrefServer(new ServerConfig(dirs, captures, bind, port, uploadLimitMiB * 1024 * 1024));
    int bound;
    try {
      bound = server.start();
    } catch (RuntimeException e) {
      server.close();
      throw new UserError("cannot listen on " + bind + ":" + port + ": " + rootMessage(e));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("lockxref: serving %d index%s at http://%s:%d/ (Ctrl-C stops)%n", dirs.size(), dirs.size() == 1 ? "" : "es",
        bind.contains(":") ? "[" + bind + "]" : bind, bound);
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
