package dev.lockxref.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockxref.testing.Testdata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** index, sites, who-takes, locks, callers, callees as a user runs them, on testdata/minitree. */
class IndexCommandsTest {
  @TempDir static Path tmp;
  static String index;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void build() {
    index = tmp.resolve("mini").toString();
    CommandLine cl = LockxrefCommand.commandLine();
    StringWriter o = new StringWriter();
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cl.execute("index", Testdata.root().resolve("minitree").toString(), "--out", index)).isZero();
    assertThat(o.toString()).contains("indexed").contains("(9.8.7)").contains("lock sites");
  }

  private int run(String... args) {
    CommandLine cl = LockxrefCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void whoTakesGroupsByFunctionAndNamesWrappers() {
    assertThat(run("who-takes", "s_vfs_rename_mutex", "--index", index)).isZero();
    assertThat(out.toString())
        .startsWith("struct super_block.s_vfs_rename_mutex  (lock named s_vfs_rename_mutex; 2 acquisition sites)")
        .contains("  mini_lock_rename  fs/minifs.c").contains("mutex_lock(&p1->d_sb->s_vfs_rename_mutex)")
        .contains("  minifs_rename  fs/minifs.c").contains("[via mini_lock_rename]");
  }

  @Test
  void whoTakesJson() throws Exception {
    assertThat(run("who-takes", "struct minifs_inode_info.i_data_sem", "--index", index, "--json")).isZero();
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get(0).get("identity").asText()).isEqualTo("struct minifs_inode_info.i_data_sem");
    // the same order on every run (a Map.of here once shuffled the keys from one run to the next)
    assertThat(doc.get(0).fieldNames()).toIterable().containsExactly("identity", "readAs", "sites");
    assertThat(doc.get(0).get("sites").get(0).get("function").asText()).isEqualTo("minifs_orphan_add");
  }

  @Test
  void whoTakesALockdepClassAndAFileLine() {
    assertThat(run("who-takes", "&ei->i_data_sem", "--index", index)).isZero();
    assertThat(out.toString()).startsWith("struct minifs_inode_info.i_data_sem");
    out.getBuffer().setLength(0);
    assertThat(run("who-takes", "include/linux/fs.h:21", "--index", index)).isZero();
    assertThat(out.toString()).startsWith("struct inode.i_rwsem");
  }

  @Test
  void unknownLockGetsSuggestionsInOneLine() {
    assertThat(run("who-takes", "s_vfs_renam_mutex", "--index", index)).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().asString()
        .contains("no lock matches 's_vfs_renam_mutex'").contains("nearest names: s_vfs_rename_mutex");
  }

  @Test
  void aLockInsideAGlobalAsLockdepNamesItSuggestsTheGlobal() {
    // "(mini_rtnl_mutex).i_data_sem" is not every i_data_sem the tree initialises (&ei->i_data_sem):
    // nothing matches, and the global is suggested
    assertThat(run("who-takes", "(mini_rtnl_mutex).i_data_sem", "--index", index)).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().asString()
        .contains("no lock matches '(mini_rtnl_mutex).i_data_sem'").endsWith("nearest names: mini_rtnl_mutex");
  }

  @Test
  void sitesAtALine() {
    assertThat(run("sites", "fs/minifs.c:9", "--index", index)).isZero();
    assertThat(out.toString()).contains("mini_lock_rename: acquire mutex_lock(&p1->d_sb->s_vfs_rename_mutex) mutex exclusive")
        .contains("identity struct super_block.s_vfs_rename_mutex");
  }

  @Test
  void locksByPattern() {
    assertThat(run("locks", "minifs", "--index", index)).isZero();
    assertThat(out.toString()).contains("global minifs_hash_lock (fs/minifs.c)").contains("struct minifs_sb_info.s_orphan_lock");
  }

  @Test
  void callersAndCallees() {
    assertThat(run("callers", "minifs_rename", "--index", index)).isZero();
    assertThat(out.toString()).contains("__do_sys_minirename -> minifs_rename");
    out.getBuffer().setLength(0);
    assertThat(run("callees", "minifs_orphan_add", "--index", index)).isZero();
    assertThat(out.toString()).contains("minifs_orphan_add -> MINIFS_SB");
    assertThat(run("callees", "minifs_renme", "--index", index)).isEqualTo(1);
    assertThat(err.toString()).contains("no function 'minifs_renme'").contains("nearest names: minifs_rename");
  }

  @Test
  void aMissingIndexIsOneLine() {
    assertThat(run("who-takes", "x", "--index", tmp.resolve("none").toString())).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().asString().contains("no index there");
  }

  @Test
  void heldListsTheCallsThatMayBlockWithTheirChainsAndTheLockOrderCycle() {
    assertThat(run("held", "big", "--index", index)).isZero();
    assertThat(out.toString())
        .startsWith("struct held_cache.big  (lock named big; 15 acquisition sites")
        .contains("held_through_macro  fs/heldfs.c:94  mutex_lock(&c->big)  [released at 98]")
        .contains("97 held_start_create: waits for disk IO, 4 calls down")
        .contains("fs/heldfs.c:97")
        .contains("held_read_block: io_schedule()")
        .contains("possible deadlock with struct held_cache.lock:");
  }

  @Test
  void heldJsonCarriesSitesChainsAndCycles() throws Exception {
    assertThat(run("held", "struct held_cache.lock", "--in", "held_sleeping_alloc", "--index", index, "--json")).isZero();
    JsonNode site = new ObjectMapper().readTree(out.toString()).get(0).get("sites").get(0);
    assertThat(site.get("site").get("function").asText()).isEqualTo("held_sleeping_alloc");
    JsonNode call = site.get("blocking").get(0);
    assertThat(call.get("callee").asText()).isEqualTo("kmalloc");
    assertThat(call.get("kind").asText()).isEqualTo("memory");
    assertThat(call.get("chain").get(0).get("evidence").asText()).isEqualTo("kmalloc(GFP_KERNEL)");
  }

  @Test
  void whyBlocksPrintsEachKindsChainAndRefusesUnknownFunctions() {
    assertThat(run("why-blocks", "held_through_ops", "--index", index)).isZero();
    assertThat(out.toString()).startsWith("held_through_ops  fs/heldfs.c:")
        .contains("disk-io (waits for disk IO, 3 calls down)")
        .contains("held_through_ops -> ->create = held_create");
    assertThat(run("why-blocks", "held_through_opz", "--index", index)).isEqualTo(1);
    assertThat(err.toString()).startsWith("lockxref: no function 'held_through_opz'").contains("held_through_ops");
  }

  @Test
  void aCaptureOfAKernelNoIndexMatchesGetsItsReportAndOneClearLine() {
    String capture = Testdata.captures().resolve("dir-rwsem/round1-sysrq-t.txt.xz").toString();
    dev.lockxref.join.IndexChoice.Choice choice =
        dev.lockxref.join.IndexChoice.choose("6.1.0-56-amd64", java.util.List.of(Path.of(index)));
    assertThat(choice.dir()).isNull();
    assertThat(choice.warning()).isEqualTo("no index matches kernel 6.1.0-56-amd64; indexes at hand: 9.8.7 (force one with --index DIR)");
    assertThat(run("analyze", capture, "--index", index)).isZero();
    assertThat(out.toString()).contains("What the tasks are doing").contains("170  170 D")
        .contains("note: the capture's kernel is 6.1.0-56-amd64 and the index given is of 9.8.7")
        .contains("no group of tasks waits for a lock the index knows");
  }

  @Test
  void benchFloorReadsEveryFilesTagsAndLexesOnlyWhenAsked() throws Exception {
    Path tree = Testdata.root().resolve("minitree");
    long files;
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(tree)) {
      files = walk.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".h")).count();
    }
    assertThat(run("bench-floor", tree.toString(), "--jobs", "2")).isZero();
    java.util.regex.Matcher plain = java.util.regex.Pattern.compile("(\\d+) files, (\\d+) tags, (\\d+) tokens")
        .matcher(out.toString().strip());
    assertThat(plain.matches()).as(out.toString()).isTrue();
    assertThat(Long.parseLong(plain.group(1))).isEqualTo(files);
    assertThat(Long.parseLong(plain.group(2))).isGreaterThan(files);
    assertThat(plain.group(3)).isEqualTo("0");
    out.getBuffer().setLength(0);
    assertThat(run("bench-floor", tree.toString(), "--jobs", "2", "--lex")).isZero();
    java.util.regex.Matcher lexed = java.util.regex.Pattern.compile("(\\d+) files, (\\d+) tags, (\\d+) tokens")
        .matcher(out.toString().strip());
    assertThat(lexed.matches()).as(out.toString()).isTrue();
    assertThat(lexed.group(2)).isEqualTo(plain.group(2));
    assertThat(Long.parseLong(lexed.group(3))).isGreaterThan(Long.parseLong(lexed.group(2)));
  }
}
