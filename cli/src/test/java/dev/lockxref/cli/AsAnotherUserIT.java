package dev.lockxref.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.testing.Testdata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a user who is not root meets, run for real as 'nobody' (setpriv) with the packaged jar:
 * an unreadable file in the tree, and collect without the right to read kernel stacks.
 */
class AsAnotherUserIT {
  static Path jar;
  static Path work;

  @BeforeAll
  static void setUp() throws IOException {
    jar = Path.of("target", "lockxref-all.jar").toAbsolutePath();
    assertThat(jar).exists();
    work = Files.createTempDirectory(Path.of("/tmp"), "lockxref-nobody");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  private record Run(int code, String out, String err) {}

  private static Run asNobody(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "java", "-Xmx256m", "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }

  private static Path copyOfMiniTree() throws IOException {
    Path tree = work.resolve("tree");
    Path from = Testdata.root().resolve("minitree");
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = tree.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    return tree;
  }

  @Test
  void anUnreadableFileIsOneLineAndTheOldIndexStays() throws Exception {
    Path tree = copyOfMiniTree();
    String out = work.resolve("index").toString();
    Run first = asNobody("index", tree.toString(), "--out", out);
    assertThat(first.code()).as(first.err()).isZero();
    long before = Files.getLastModifiedTime(Path.of(out)).toMillis();

    Path secret = Files.writeString(tree.resolve("fs/secret.c"), "int secret(void) { return 0; }\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Run second = asNobody("index", tree.toString(), "--out", out);
    assertThat(second.code()).isEqualTo(1);
    assertThat(second.err().lines().filter(l -> l.startsWith("lockxref:")))
        .singleElement().asString().contains("fs/secret.c").contains("ermission denied");
    assertThat(second.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Files.getLastModifiedTime(Path.of(out)).toMillis()).isEqualTo(before);
    Run query = asNobody("who-takes", "s_vfs_rename_mutex", "--index", out);
    assertThat(query.code()).isZero();
    assertThat(query.out()).startsWith("struct super_block.s_vfs_rename_mutex");
  }

  @Test
  void collectSaysItNeedsRoot() throws Exception {
    Run r = asNobody("collect", "--rounds", "1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("lockxref: collect needs root to read kernel stacks (/proc/self/stack is not readable): run it with sudo");
  }
}
