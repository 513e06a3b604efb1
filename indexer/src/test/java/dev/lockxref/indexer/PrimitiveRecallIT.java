package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.DataFile;
import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.Primitives;
import dev.lockxref.testing.KernelTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall of lock sites on the real tree: for every primitive family, the direct sites in the index
 * against the call sites a plain scan of the same files finds (comments, strings, preprocessor
 * lines and the primitives' own definitions left out: a macro's body is no call site until it is
 * expanded somewhere). Prints every family's figures and the misses.
 */
class PrimitiveRecallIT {
  /** Where the primitives themselves are defined: calls there are their implementation, not uses. */
  private static final List<String> DEFINITIONS = List.of("include/linux/mutex.h", "include/linux/rwsem.h",
      "include/linux/spinlock", "include/linux/rwlock", "include/linux/seqlock.h", "include/linux/semaphore.h",
      "include/linux/percpu-rwsem.h", "include/linux/pagemap.h", "include/linux/buffer_head.h", "kernel/locking/",
      "include/linux/refcount.h", "include/linux/spinlock_api", "include/linux/cleanup.h", "include/linux/lockdep.h");
  private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
      "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'", Pattern.DOTALL);
  /** A preprocessor directive with its backslash-continued lines. */
  private static final Pattern DIRECTIVE = Pattern.compile("(?m)^[ \\t]*#(?:[^\\n]*\\\\\\n)*[^\\n]*");

  static LockIndex index;

  @BeforeAll
  static void build() throws Exception {
    index = SharedIndex.get();
  }

  @Test
  void everyFamilyIsFoundAtLeast995PerMille() throws IOException {
    Map<String, String> familyOf = new HashMap<>();
    Primitives primitives = Primitives.standard();
    for (String line : DataFile.lines(Primitives.class, "primitives.txt")) {
      String name = line.trim().split("\\s+")[0];
      familyOf.put(name, primitives.get(name).kind());
    }
    Pattern call = Pattern.compile("\\b(" + String.join("|", familyOf.keySet()) + ")\\s*\\(");

    Set<String> indexed = new HashSet<>();
    for (String id : index.locks("*").keySet()) {
      for (LockSite s : index.sitesOf(id)) {
        if (s.via() == null) {
          indexed.add(s.file() + ":" + s.line() + ":" + s.primitive());
        }
      }
    }
    Map<String, int[]> byFamily = new TreeMap<>();
    Map<String, StringBuilder> misses = new TreeMap<>();
    Path root = KernelTree.path();
    for (String sub : SharedIndex.SUBSET) {
      try (Stream<Path> files = Files.walk(root.resolve(sub))) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".h"))
            .filter(Files::isRegularFile)::iterator) {
          String rel = root.relativize(f).toString();
          if (DEFINITIONS.stream().anyMatch(rel::startsWith)) {
            continue;
          }
          String text = blank(DIRECTIVE, blank(COMMENTS_AND_STRINGS, new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)));
          Matcher m = call.matcher(text);
          while (m.find()) {
            if (isMemberOrDefinition(text, m.start())) {
              continue;
            }
            int line = lineOf(text, m.start());
            String family = familyOf.get(m.group(1));
            int[] counts = byFamily.computeIfAbsent(family, k -> new int[2]);
            counts[0]++;
            if (indexed.contains(rel + ":" + line + ":" + m.group(1))) {
              counts[1]++;
            } else {
              StringBuilder sb = misses.computeIfAbsent(family, k -> new StringBuilder());
              if (sb.length() < 2000) {
                sb.append("    ").append(rel).append(':').append(line).append(' ').append(m.group(1)).append('\n');
              }
            }
          }
        }
      }
    }
    StringBuilder report = new StringBuilder("recall by family (found by a plain scan / in the index):\n");
    byFamily.forEach((family, c) -> report.append(String.format(java.util.Locale.ROOT, "  %-13s %6d / %6d  %.2f%%%n",
        family, c[0], c[1], 100.0 * c[1] / c[0])));
    misses.forEach((family, sb) -> report.append("  missed ").append(family).append(":\n").append(sb));
    System.out.println(report);
    byFamily.forEach((family, c) -> assertThat(1000L * c[1]).as("%s recall\n%s", family, report).isGreaterThanOrEqualTo(995L * c[0]));
  }

  /** What PATTERN matches becomes spaces (newlines kept, so lines still count). */
  private static String blank(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      sb.append(text, last, m.start());
      for (int i = m.start(); i < m.end(); i++) {
        sb.append(text.charAt(i) == '\n' ? '\n' : ' ');
      }
      last = m.end();
    }
    return sb.append(text.substring(last)).toString();
  }

  /** ops->mutex_lock(...), or a definition (a type word right before the name: "void mutex_lock("). */
  private static boolean isMemberOrDefinition(String text, int at) {
    int i = at - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i--;
    }
    if (i >= 0 && (text.charAt(i) == '.' || (text.charAt(i) == '>' && i > 0 && text.charAt(i - 1) == '-'))) {
      return true;
    }
    int lineStart = text.lastIndexOf('\n', at) + 1;
    String before = text.substring(lineStart, at).strip();
    return before.startsWith("#define") || before.matches(".*\\b(void|int|bool|static|inline|extern)\\b.*") && !before.contains("=")
        && !before.contains("(") && !before.contains("return");
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
