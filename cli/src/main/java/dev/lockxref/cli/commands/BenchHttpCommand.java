package dev.lockxref.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Hidden: the load benchmark of bin/bench-serve. CLIENTS threads load lock pages (the two API calls
 * a lock page makes, at once on two kept-alive connections as a browser does) over the given locks for SECONDS while one more uploads a capture in a loop;
 * prints request counts, errors and latency percentiles.
 */
@Command(name = "bench-http", hidden = true, description = "Load a running server: lock pages and an upload.")
public final class BenchHttpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BASE", description = "http://127.0.0.1:PORT")
  String base;

  @Option(names = "--clients", defaultValue = "50")
  int clients;

  @Option(names = "--seconds", defaultValue = "30")
  int seconds;

  @Option(names = "--lock", required = true, description = "a lock whose page the clients load (repeatable)")
  List<String> locks;

  @Option(names = "--upload", description = "a capture one more client uploads in a loop")
  Path upload;

  @Override
  public Integer call() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Long> pages = Collections.synchronizedList(new ArrayList<>());
    List<Long> uploads = Collections.synchronizedList(new ArrayList<>());
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c;
      threads.add(new Thread(() -> {
        // two connections per client, as a browser asks for the page's two answers at once
        LoadConnection sites = new LoadConnection(URI.create(base));
        LoadConnection held = new LoadConnection(URI.create(base));
        for (int i = first; System.nanoTime() < end; i++) {
          String q = URLEncoder.encode(locks.get(i % locks.size()), StandardCharsets.UTF_8);
          long t0 = System.nanoTime();
          try {
            sites.send("/api/sites?functions=60&q=" + q);
            held.send("/api/held?chains=25&sites=25&calls=6&q=" + q);
            if (sites.status() == 200 & held.status() == 200) {
              pages.add(System.nanoTime() - t0);
            } else {
              errors.incrementAndGet();
            }
          } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            sites.close();
            held.close();
          }
        }
        sites.close();
        held.close();
      }));
    }
    if (upload != null) {
      byte[] body = Files.readAllBytes(upload);
      threads.add(new Thread(() -> {
        while (System.nanoTime() < end) {
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/analyze?name=" + upload.getFileName()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
              uploads.add(System.nanoTime() - t0);
            } else {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%d clients, %d s, locks %s%n", clients, seconds, locks);
    report(out, "lock page (sites + held)", pages);
    if (upload != null) {
      report(out, "upload + analysis (" + upload.getFileName() + ")", uploads);
    }
    out.printf("errors: %d%n", errors.get());
    out.flush();
    return errors.get() == 0 ? 0 : 1;
  }

  private static void report(PrintWriter out, String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      out.printf("%-40s none completed%n", what);
      return;
    }
    out.printf("%-40s %6d done  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", what, sorted.size(),
        ms(sorted, 0.50), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
  }

  private static double ms(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
  }
}
