package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.read.CaptureParser;
import dev.lockxref.index.BlockingChains;
import dev.lockxref.index.LockIndex;
import dev.lockxref.join.Join;
import dev.lockxref.join.Verdict;
import dev.lockxref.stack.Analyzer;
import dev.lockxref.stack.Simplifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The join's holder chains on testdata/minitree, with a hand-written hung-task report of its functions. */
class MiniTreeJoinTest {
  static LockIndex index;

  @BeforeAll
  static void build() throws Exception {
    index = MiniTreeIndex.get();
  }

  private static String task(String comm, int pid, String... frames) {
    StringBuilder sb = new StringBuilder();
    sb.append("[  600.100000] INFO: task ").append(comm).append(':').append(pid).append(" blocked for more than 120 seconds.\n");
    sb.append("[  600.100000] task:").append(comm).append("  state:D stack:0     pid:").append(pid).append("  ppid:1      flags:0x00004002\n");
    sb.append("[  600.100000] Call Trace:\n[  600.100000]  <TASK>\n");
    for (String f : frames) {
      sb.append("[  600.100000]  ").append(f).append('\n');
    }
    return sb.append("[  600.100000]  </TASK>\n").toString();
  }

  private static Verdict join(String text) throws Exception {
    List<Capture> captures = new CaptureParser().parse("minitree.txt",
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    Simplifier simplifier = new Simplifier();
    return new Join(index, simplifier).join(new Analyzer(simplifier).analyze(captures), null).contended().get(0);
  }

  /**
   * The holder's frames name join_start, a static function of fs/joinfs.c and of block/bdev.c: the
   * chain follows the one its caller's file has, down to the IO wait, with the line of each call.
   */
  @Test
  void aFramesStaticFunctionIsTheOneOfItsCallersFile() throws Exception {
    String[] waiting = {"__schedule+0x34d/0xa00", "schedule+0x5a/0xd0", "schedule_preempt_disabled+0x11/0x20",
        "__mutex_lock.constprop.0+0x3a2/0x6a0", "join_update_table+0x1a/0x50", "do_syscall_64+0x5d/0xb0"};
    String holding = task("updater", 4410, "__schedule+0x34d/0xa00", "schedule+0x5a/0xd0", "io_schedule+0x46/0x70",
        "join_wait_io+0xd/0x20", "join_start+0x9/0x20", "join_update_table+0x2f/0x50", "do_syscall_64+0x5d/0xb0");
    Verdict v = join(task("waiter", 4415, waiting) + task("waiter", 4416, waiting) + holding);
    assertThat(v.identity()).isEqualTo("global join_table_mutex (fs/joinfs.c)");
    Verdict.Holder top = v.holders().get(0);
    assertThat(top.pid()).isEqualTo(4410);
    assertThat(top.chain()).extracting(BlockingChains.Step::function, BlockingChains.Step::file, BlockingChains.Step::line,
        BlockingChains.Step::callee, BlockingChains.Step::evidence).containsExactly(
            tuple("join_update_table", "fs/joinfs.c", 22, "join_start", null),
            tuple("join_start", "fs/joinfs.c", 16, "join_wait_io", null),
            tuple("join_wait_io", "fs/joinfs.c", 11, null, "io_schedule()"));
  }

  /**
   * A contention profile names callers (perf lock contention, klockstat) or locks (lock_stat): each
   * row gets the lock its caller takes of the row's type, or the lock its name is.
   */
  @Test
  void aProfilesRowsAreTheLocksTheirCallersTakeOrTheirNamesAre() throws Exception {
    String perf = String.join("\n",
        " contended   total wait     max wait     avg wait         type   caller",
        "",
        "      1843      4.71 s     52.10 ms      2.56 ms        mutex   minifs_orphan_add+0x2b",
        "       212    301.20 ms      9.88 ms      1.42 ms      rwsem:W   minifs_orphan_add+0x3c",
        "        17     40.02 us      6.11 us      2.35 us     spinlock   mini_lock_rename+0xa3",
        "         9      1.02 ms      0.30 ms      0.11 ms        mutex   mini_lock_rename.isra.0+0x1d",
        "");
    String lockStat = String.join("\n",
        "lock_stat version 0.4",
        "                              class name    con-bounces    contentions   waittime-min   waittime-max waittime-total"
            + "   waittime-avg    acq-bounces   acquisitions   holdtime-min   holdtime-max holdtime-total   holdtime-avg",
        "                        &ei->i_data_sem-W:             0             31           2.53       2724.13       9830.88"
            + "        317.12              0            289         221.38      13599.00     479380.47       1659.30",
        "");
    List<Capture> captures = new CaptureParser().parse("profile.txt",
        new ByteArrayInputStream((perf + lockStat).getBytes(StandardCharsets.UTF_8)));
    Simplifier simplifier = new Simplifier();
    dev.lockxref.stack.Analysis analysis = new Analyzer(simplifier).analyze(captures);
    dev.lockxref.join.JoinResult result = new Join(index, simplifier).join(analysis, null);
    assertThat(result.profile()).extracting(dev.lockxref.join.ProfileLock::row, dev.lockxref.join.ProfileLock::identity,
        dev.lockxref.join.ProfileLock::line, dev.lockxref.join.ProfileLock::confidence).containsExactly(
            tuple(0, "struct minifs_sb_info.s_orphan_lock", 37, "certain"),
            tuple(1, "struct minifs_inode_info.i_data_sem", 38, "certain"),
            // the caller takes no spinlock: the row names no lock of the index
            tuple(3, "struct super_block.s_vfs_rename_mutex", 9, "certain"),
            tuple(4, "struct minifs_inode_info.i_data_sem", 0, "likely"));
    java.io.StringWriter text = new java.io.StringWriter();
    new dev.lockxref.report.TextReport(false, 10).write(analysis, result, new java.io.PrintWriter(text));
    assertThat(text.toString())
        // a profile alone has no waiting tasks: no verdict section says "no group of tasks waits"
        .doesNotContain("Contended locks")
        .contains("is struct minifs_sb_info.s_orphan_lock  taken at fs/minifs.c:37  minifs_orphan_add  mutex_lock(")
        .contains("by lock (the rows summed, the longest waited for first)")
        .containsSubsequence("4.71 s  struct minifs_sb_info.s_orphan_lock  (1843 contentions in 1 row",
            "311.03 ms  struct minifs_inode_info.i_data_sem  (243 contentions in 2 rows");
    java.io.StringWriter markdown = new java.io.StringWriter();
    new dev.lockxref.report.MarkdownReport(10).write(analysis, result, new java.io.PrintWriter(markdown));
    assertThat(markdown.toString()).contains("### Lock contention profile")
        .contains("| 1843 | mutex | `minifs_orphan_add+0x2b` | 4.71 s | `struct minifs_sb_info.s_orphan_lock` | `fs/minifs.c:37` minifs_orphan_add |")
        .contains("| 17 | spinlock | `mini_lock_rename+0xa3` | 40.02 us |  |  |");
  }

  /**
   * perf names a row's caller after the lock functions it knows and may pass over the one that
   * took the lock; the row's call stack says where it was, and the primitive it called.
   */
  @Test
  void aProfilesCallStackNamesTheFrameAndThePrimitiveThatTookTheLock() throws Exception {
    String perf = String.join("\n",
        " contended   total wait     max wait     avg wait         type   caller",
        "",
        "       212    301.20 ms      9.88 ms      1.42 ms      rwsem:W   do_syscall_64+0x5d",
        "                        0xffffffff903f14c4  rwsem_down_write_slowpath+0x274",
        "                        0xffffffff8f9d5971  minifs_orphan_add+0x3c",
        "                        0xffffffff8f20b983  do_syscall_64+0x5d",
        "        17     40.02 us      6.11 us      2.35 us     spinlock   mini_remove_mapping+0x5d",
        "                        0xffffffff903f60a3  native_queued_spin_lock_slowpath+0x1f3",
        "                        0xffffffff903f5c7f  _raw_spin_lock+0x3f",
        "                        0xffffffff8f5ec71d  mini_remove_mapping+0x5d",
        "         3      1.02 us      0.30 us      0.11 us     spinlock   mini_remove_mapping+0x1d",
        "");
    List<Capture> captures = new CaptureParser().parse("profile.txt", new ByteArrayInputStream(perf.getBytes(StandardCharsets.UTF_8)));
    Simplifier simplifier = new Simplifier();
    dev.lockxref.join.JoinResult result = new Join(index, simplifier).join(new Analyzer(simplifier).analyze(captures), null);
    assertThat(result.profile()).extracting(dev.lockxref.join.ProfileLock::row, dev.lockxref.join.ProfileLock::identity,
        dev.lockxref.join.ProfileLock::confidence).containsExactly(
            tuple(0, "struct minifs_inode_info.i_data_sem", "certain"),
            tuple(1, "struct mini_mapping.host_lock", "certain"),
            // without a stack, two spinlocks fit: the first by line, and only possibly
            tuple(2, "struct mini_mapping.tree_lock", "possible"));
  }
}
