package dev.lockxref.indexer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lockxref.DataFile;
import dev.lockxref.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs Universal Ctags over a tree's files in parallel, each of JOBS threads over a batch of files
 * balanced by size, and streams every tag to a consumer (nothing is sorted; ctags keeps no more than
 * a few megabytes of tags in its temporary file). The options live in {@code ctags-options.txt}.
 */
public final class CtagsRunner {
  private static final JsonFactory JSON = new JsonFactory();
  /** The first part's source size; each next part is twice the last, up to {@link #LARGEST_PART}. */
  static final long FIRST_PART = 1 << 19;
  static final long LARGEST_PART = 1 << 23;

  private final String executable;
  private final List<String> options;

  public CtagsRunner(String executable) {
    this.executable = executable;
    this.options = DataFile.lines(CtagsRunner.class, "ctags-options.txt");
  }

  /** The version line of the ctags found, or a one-line error when it is missing or not Universal Ctags. */
  public String version() {
    try {
      Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      String first = out.lines().findFirst().orElse("");
      if (!first.startsWith("Universal Ctags")) {
        throw new UserError("'" + executable + "' is not Universal Ctags (" + first + "): apt-get install universal-ctags");
      }
      return first;
    } catch (IOException e) {
      throw new UserError("Universal Ctags is not installed (no '" + executable + "' on PATH): apt-get install universal-ctags");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while starting ctags");
    }
  }

  /**
   * Runs ctags over FILES (relative to ROOT), JOBS processes at a time, and hands each file's tags,
   * all at once, to FILE_TAGS (from several threads) as soon as they are out: ctags reads one file at
   * a time, so a tag of the next file means the last one is complete. Files without tags are not
   * reported.
   */
  public void run(Path root, List<SourceFile> files, int jobs, Consumer<List<Tag>> fileTags) {
    try (WorkPool pool = new WorkPool("ctags", jobs)) {
      for (List<SourceFile> batch : balance(files, jobs)) {
        pool.submit(() -> {
          runBatch(root, batch, fileTags);
          return null;
        });
      }
      pool.awaitAll();
    }
  }

  /**
   * Runs ctags over BATCH in parts, one process a part and the next one started before the last one's
   * tags are read. "-o -" holds a process's tags in a temporary file until it exits, so the parts
   * are what keeps tags flowing while ctags works, and that file small; filter mode, which writes
   * each file's tags at once, made ctags itself take a seventh more CPU (a temporary file per file).
   */
  private void runBatch(Path root, List<SourceFile> batch, Consumer<List<Tag>> fileTags)
      throws IOException, InterruptedException {
    List<List<SourceFile>> parts = parts(batch);
    RecentWords words = new RecentWords();
    Running next = start(root, parts.get(0));
    try {
      for (int k = 0; k < parts.size(); k++) {
        Running current = next;
        next = null;
        try {
          next = k + 1 < parts.size() ? start(root, parts.get(k + 1)) : null;
          current.readTo(fileTags, words);
        } finally {
          current.stop();
        }
      }
    } finally {
      if (next != null) {
        next.stop();
      }
    }
  }

  /** Less free space than this where ctags writes is taken for a full disk. */
  private static final long NEARLY_FULL = 16L << 20;

  /**
   * What to say when ctags failed without a message: a full disk where its messages (and its
   * temporary files) go leaves none, and is the likely cause.
   */
  static String silentFailure(Path dir) {
    long usable;
    try {
      usable = Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      return "no message";
    }
    return silentFailure(dir, usable);
  }

  static String silentFailure(Path dir, long usableBytes) {
    return usableBytes < NEARLY_FULL
        ? "no message, and the disk holding " + dir + " is full (" + usableBytes / 1024 + " KiB free)"
        : "no message";
  }

  /** A ctags process over some files, with the file its messages go to. */
  private record Running(Process process, Path errors, List<SourceFile> files) {
    /** Hands each file's tags to FILE_TAGS, then fails with ctags' first message if it did. */
    void readTo(Consumer<List<Tag>> fileTags, RecentWords words) throws IOException, InterruptedException {
      List<Tag> current = new ArrayList<>();
      try (InputStream in = process.getInputStream(); JsonParser json = JSON.createParser(in)) {
        for (Tag t; (t = next(json, words)) != null; ) {
          if ("tag".equals(t.type())) {
            if (!current.isEmpty() && !current.get(0).path().equals(t.path())) {
              fileTags.accept(current);
              current = new ArrayList<>();
            }
            current.add(t);
          }
        }
      }
      if (!current.isEmpty()) {
        fileTags.accept(current);
      }
      int rc = process.waitFor();
      if (rc != 0) {
        String why = Files.readAllLines(errors).stream().filter(l -> !l.isBlank()).findFirst()
            .orElseGet(() -> silentFailure(errors.getParent()));
        throw new UserError("ctags exited with " + rc + " on a batch of " + files.size() + " files: " + why);
      }
    }

    /** Ends the process if it still runs and removes its messages. */
    void stop() throws IOException {
      process.destroy();
      Files.deleteIfExists(errors);
    }
  }

  private Running start(Path root, List<SourceFile> files) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable);
    cmd.addAll(options);
    cmd.add("--output-format=json");
    cmd.add("-o");
    cmd.add("-");
    cmd.add("-L");
    cmd.add("-");
    Path errors = Files.createTempFile("lockxref-ctags", ".err");
    try {
      Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectError(errors.toFile()).start();
      Thread feeder = new Thread(() -> feed(p.getOutputStream(), files), "lockxref-ctags-files");
      feeder.setDaemon(true);
      feeder.start();
      return new Running(p, errors, files);
    } catch (IOException e) {
      Files.deleteIfExists(errors);
      throw e;
    }
  }

  /**
   * BATCH cut into runs of files: small first, so that tags come out soon after the start, then
   * larger, so that a whole tree takes a hundred-odd ctags processes rather than thousands.
   */
  static List<List<SourceFile>> parts(List<SourceFile> batch) {
    List<List<SourceFile>> parts = new ArrayList<>();
    List<SourceFile> part = new ArrayList<>();
    long size = 0;
    long limit = FIRST_PART;
    for (SourceFile f : batch) {
      part.add(f);
      size += f.size();
      if (size >= limit) {
        parts.add(part);
        part = new ArrayList<>();
        size = 0;
        limit = Math.min(LARGEST_PART, limit * 2);
      }
    }
    if (!part.isEmpty()) {
      parts.add(part);
    }
    return parts;
  }

  /**
   * The next tag of ctags' JSON lines, read field by field (it writes gigabytes of them for a whole
   * tree: a streaming read, with no object mapping, keeps up with it), or null at the end.
   */
  static Tag next(JsonParser json, RecentWords words) throws IOException {
    JsonToken start = json.nextToken();
    while (start != null && start != JsonToken.START_OBJECT) {
      start = json.nextToken();
    }
    if (start == null) {
      return null;
    }
    String type = null;
    String name = null;
    String path = null;
    String kind = null;
    String typeref = null;
    String scope = null;
    String scopeKind = null;
    int line = 0;
    int end = 0;
    boolean fileScope = false;
    for (JsonToken t = json.nextToken(); t != null && t != JsonToken.END_OBJECT; t = json.nextToken()) {
      String field = json.currentName();
      t = json.nextToken();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        json.skipChildren();
        continue;
      }
      switch (field) {
        case "_type" -> type = text(json, words);
        case "name" -> name = text(json, words);
        case "path" -> path = text(json, words);
        case "kind" -> kind = text(json, words);
        case "typeref" -> typeref = text(json, words);
        case "scope" -> scope = text(json, words);
        case "scopeKind" -> scopeKind = text(json, words);
        case "line" -> line = json.getIntValue();
        case "end" -> end = json.getIntValue();
        case "file" -> fileScope = t == JsonToken.VALUE_TRUE;
        default -> { }
      }
    }
    return new Tag(type, name, path, line, end, kind, typeref, scope, scopeKind, fileScope);
  }

  /** The current string value, shared with its last occurrence: paths, kinds and types repeat on every line. */
  private static String text(JsonParser json, RecentWords words) throws IOException {
    return words.of(json.getTextCharacters(), json.getTextOffset(), json.getTextLength());
  }

  /** Writes the batch's paths to ctags; when ctags dies early its exit code, read by runOne, says why. */
  private static void feed(OutputStream stdin, List<SourceFile> batch) {
    try (OutputStream out = new java.io.BufferedOutputStream(stdin, 1 << 16)) {
      for (SourceFile f : batch) {
        out.write((f.path() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // a closed pipe: ctags stopped reading
    }
  }

  /** Splits FILES into at most JOBS batches of about equal total size, largest files first. */
  static List<List<SourceFile>> balance(List<SourceFile> files, int jobs) {
    int n = Math.max(1, Math.min(jobs, files.size()));
    List<List<SourceFile>> batches = new ArrayList<>();
    long[] sizes = new long[n];
    for (int i = 0; i < n; i++) {
      batches.add(new ArrayList<>());
    }
    List<SourceFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparingLong(SourceFile::size).reversed());
    for (SourceFile f : sorted) {
      int least = 0;
      for (int i = 1; i < n; i++) {
        if (sizes[i] < sizes[least]) {
          least = i;
        }
      }
      batches.get(least).add(f);
      sizes[least] += f.size();
    }
    batches.removeIf(List::isEmpty);
    return batches;
  }
}
