package dev.lockxref.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockxref.indexer.IndexRequest;
import dev.lockxref.indexer.Indexer;
import dev.lockxref.indexer.Progress;
import dev.lockxref.testing.Testdata;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API on a real server over a real index: a copy of testdata/minitree with a symbolic
 * link leading out of it, and a snippet capture. Upload limit 1 MiB.
 */
class ServerApiTest {
  @TempDir static Path tmp;
  static LockxrefServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    Path tree = tmp.resolve("tree");
    copy(Testdata.root().resolve("minitree"), tree);
    Path outside = Files.writeString(tmp.resolve("secret.c"), "int secret;\n");
    Files.createSymbolicLink(tree.resolve("fs/escape.c"), outside);
    Path index = tmp.resolve("index");
    new Indexer("test").index(new IndexRequest(tree, null, index, 2, List.of(), "ctags"), Progress.NONE);
    Path captures = Files.createDirectories(tmp.resolve("captures"));
    Files.copy(Testdata.snippets().resolve("blocker-lines.txt"), captures.resolve("hung.txt"));
    server = new LockxrefServer(new ServerConfig(List.of(index), captures, ServerConfig.LOOPBACK, 0, 1024 * 1024));
    base = "http://127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void searchSuggestsLocksFunctionsAndFiles() throws Exception {
    JsonNode s = json("/api/search?q=s_vfs");
    assertThat(s.findValuesAsText("label")).contains("struct super_block.s_vfs_rename_mutex");
    assertThat(json("/api/search?q=held_thr").findValuesAsText("label")).contains("held_through_ops", "held_through_macro");
    assertThat(json("/api/search?q=fs/held").findValuesAsText("kind")).contains("file");
  }

  @Test
  void sitesCarryTheirSourceExcerpt() throws Exception {
    JsonNode a = json("/api/sites?q=" + q("struct held_cache.big")).get(0);
    assertThat(a.get("identity").asText()).isEqualTo("struct held_cache.big");
    JsonNode site = a.get("byFunction").elements().next().get(0);
    int line = site.get("site").get("line").asInt();
    int first = site.get("firstLine").asInt();
    assertThat(site.get("excerpt").get(line - first).asText()).contains("mutex_");
  }

  @Test
  void heldWhyBlocksCallersCalleesAnswerAsTheCliDoes() throws Exception {
    JsonNode held = json("/api/held?q=" + q("struct held_cache.lock") + "&in=held_sleeping_alloc").get(0);
    assertThat(held.get("sites").get(0).get("blocking").get(0).get("kind").asText()).isEqualTo("memory");
    JsonNode why = json("/api/why-blocks?name=held_through_ops").get(0);
    assertThat(why.get("chains").get("disk-io").findValuesAsText("function")).contains("held_create", "held_read_block");
    assertThat(json("/api/callers?name=held_create").findValuesAsText("caller")).contains("held_through_ops");
    assertThat(json("/api/callees?name=held_read_block").findValuesAsText("callee")).isNotEmpty();
    assertThat(get("/api/why-blocks?name=no_such_function").statusCode()).isEqualTo(404);
    assertThat(get("/api/held").statusCode()).isEqualTo(400);
  }

  @Test
  void sourceComesWithItsSitesAndLinkableNames() throws Exception {
    JsonNode src = json("/api/source?file=fs/heldfs.c");
    assertThat(src.get("lines").get(0).asText()).startsWith("/* Held regions");
    assertThat(src.get("sites").findValuesAsText("function")).contains("held_atomic_alloc");
    assertThat(src.get("linked").toString()).contains("held_read_block");
  }

  @Test
  void sourceOutsideTheTreeIsRefused() throws Exception {
    for (String path : List.of("../secret.c", "fs/../../secret.c", "/etc/passwd", "fs/escape.c", "fs%2F..%2F..%2Fsecret.c")) {
      HttpResponse<String> r = get("/api/source?file=" + (path.contains("%") ? path : q(path)));
      assertThat(r.statusCode()).as(path).isIn(400, 404);
      assertThat(r.body()).as(path).doesNotContain("int secret");
    }
  }

  @Test
  void aContentionProfileAloneIsAnIncidentWithItsLocks() throws Exception {
    String profile = String.join("\n",
        " contended   total wait     max wait     avg wait         type   caller",
        "      1843      4.71 s     52.10 ms      2.56 ms        mutex   mini_lock_rename+0x2b", "");
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/analyze?name=perf.txt"))
        .POST(HttpRequest.BodyPublishers.ofString(profile)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode doc = json("/api/incidents/" + JSON.readTree(r.body()).get("id").asText());
    assertThat(doc.get("taskCount").asLong()).isZero();
    assertThat(doc.get("lockStats").get(0).get("name").asText()).isEqualTo("mini_lock_rename+0x2b");
    assertThat(doc.get("profile").get(0).get("identity").asText()).isEqualTo("struct super_block.s_vfs_rename_mutex");
  }

  @Test
  void anUploadIsAnalyzedAndKeptForTheIncidentPage() throws Exception {
    byte[] capture = Files.readAllBytes(Testdata.snippets().resolve("blocker-lines.txt"));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/analyze?name=hung.txt"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(capture)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String id = JSON.readTree(r.body()).get("id").asText();
    JsonNode doc = json("/api/incidents/" + id);
    assertThat(doc.get("taskCount").asLong()).isPositive();
    assertThat(doc.has("contended")).isTrue();
    assertThat(doc.has("tasks")).isFalse();
    assertThat(json("/api/incidents").findValuesAsText("id")).contains(id);
    assertThat(json("/api/captures").toString()).contains("hung.txt");
    HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/captures/open?file=hung.txt"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(opened.statusCode()).isEqualTo(200);
    HttpResponse<String> sneaky = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/captures/open?file=" + q("../index/meta")))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(sneaky.statusCode()).isEqualTo(400);
  }

  @Test
  void uploadsOverTheLimitGet413WithOrWithoutALength() throws Exception {
    byte[] big = String.join("", Collections.nCopies(40_000, "[  1.000000]  schedule+0x5a/0xd0\n")).getBytes(StandardCharsets.UTF_8);
    assertThat(big.length).isGreaterThan(1024 * 1024);
    HttpResponse<String> sized = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/analyze?name=big.txt"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(sized.statusCode()).isEqualTo(413);
    HttpResponse<String> streamed = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/analyze?name=big.txt"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(streamed.statusCode()).isEqualTo(413);
    HttpResponse<String> junk = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/analyze?name=junk.txt"))
        .POST(HttpRequest.BodyPublishers.ofString("hello\n")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(junk.statusCode()).isEqualTo(400);
    assertThat(junk.body()).contains("no kernel stacks");
  }

  @Test
  void theDefaultBindIsLoopbackOnly() throws Exception {
    assertThat(server.bind()).isEqualTo("127.0.0.1");
    int port = URI.create(base).getPort();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
          continue;
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(a, port), 1000);
          throw new AssertionError("the server answered on " + a + ":" + port);
        } catch (IOException refused) {
          // what loopback-only means
        }
      }
    }
  }

  @Test
  void pagesAreServed() throws Exception {
    for (String page : List.of("/", "/index.html", "/incident.html", "/lock.html", "/function.html", "/source.html", "/app.js")) {
      assertThat(get(page).statusCode()).as(page).isEqualTo(200);
    }
  }
}
