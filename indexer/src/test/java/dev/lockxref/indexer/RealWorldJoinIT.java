package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.read.CaptureInput;
import dev.lockxref.capture.read.CaptureParser;
import dev.lockxref.index.LockIndex;
import dev.lockxref.join.IndexChoice;
import dev.lockxref.join.Join;
import dev.lockxref.join.JoinResult;
import dev.lockxref.join.Verdict;
import dev.lockxref.stack.Analysis;
import dev.lockxref.stack.Analyzer;
import dev.lockxref.stack.Simplifier;
import dev.lockxref.testing.Testdata;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The join on the public dumps of ../shared/realworld (read where they are, never copied here)
 * against the 6.1 tree's index: where INDEX.md names the lock and the holder, the verdict names
 * them; where nothing supports a holder, none is named. Their kernels differ from 6.1; the locks
 * asserted here are the same in both.
 */
class RealWorldJoinIT {
  static Path corpus;
  static LockIndex index;

  @BeforeAll
  static void build() throws Exception {
    corpus = Testdata.root().getParent().resolve("../shared/realworld").normalize();
    assumeTrue(Files.isDirectory(corpus), "the real-world corpus is not beside this checkout: " + corpus);
    index = SharedIndex.get();
  }

  /** The join as analyze makes it, with the warning a capture from another kernel gets. */
  private static JoinResult join(String file) throws Exception {
    List<Capture> captures;
    try (InputStream in = CaptureInput.open(corpus.resolve(file).toString())) {
      captures = new CaptureParser().parse(file, in);
    }
    Simplifier simplifier = new Simplifier();
    Analysis analysis = new Analyzer(simplifier).analyze(captures);
    String warning = IndexChoice.warning(analysis.kernelRelease(), index.info());
    return new Join(index, simplifier).join(analysis, warning);
  }

  private static Verdict verdict(JoinResult j, String identity) {
    return j.contended().stream().filter(v -> v.identity().equals(identity)).findFirst()
        .orElseThrow(() -> new AssertionError(identity + " is not among " + j.contended().stream().map(Verdict::identity).toList()));
  }

  private static void heldByKernelWord(Verdict v, int pid) {
    assertThat(v.holders()).as("holders of " + v.identity()).isNotEmpty();
    Verdict.Holder top = v.holders().get(0);
    assertThat(top.pid()).isEqualTo(pid);
    assertThat(top.source()).isEqualTo("kernel");
  }

  @Test
  void btrfsDedupeTheInodeLockHeldByTask6502PerLockdep() throws Exception {
    // three crawl tasks wait for the inode rwsem (lockdep's &sb->s_type->i_mutex_key#17) that 6502 holds
    heldByKernelWord(verdict(join("01-btrfs-dedupe-sysrq-w-lockdep.txt"), "struct inode.i_rwsem"), 6502);
  }

  /** The last step of the top holder's chain of IDENTITY in FILE. */
  private static dev.lockxref.index.BlockingChains.Step chainEnd(String file, String identity) throws Exception {
    List<dev.lockxref.index.BlockingChains.Step> chain = verdict(join(file), identity).holders().get(0).chain();
    assertThat(chain).as("the holder's chain").isNotEmpty();
    return chain.get(chain.size() - 1);
  }

  /**
   * A holder's chain ends at the first call that waits by itself, not in the scheduler's work
   * below it: 6502's at btrfs' wait_event (the stack shows schedule), the flatcar holder's at
   * jbd2's schedule (its waiting on the journal is no sleep of schedule's own kind), the nfsd
   * mutex's holder at the shrinkers' rwsem it waits for.
   */
  @Test
  void theHoldersChainEndsAtItsFirstWaitingCall() throws Exception {
    assertThat(chainEnd("01-btrfs-dedupe-sysrq-w-lockdep.txt", "struct inode.i_rwsem"))
        .extracting(s -> s.function(), s -> s.file(), s -> s.line(), s -> s.evidence())
        .containsExactly("wait_current_trans", "fs/btrfs/transaction.c", 535, "wait_event()");
    assertThat(chainEnd("09-flatcar-ext4-jbd2-sysrq-w-214tasks.txt", "struct inode.i_rwsem"))
        .extracting(s -> s.function(), s -> s.file(), s -> s.line(), s -> s.evidence())
        .containsExactly("wait_transaction_locked", "fs/jbd2/transaction.c", 178, "schedule()");
    // a lock primitive's call is a lock site of the index, with its line
    assertThat(chainEnd("16-nfs-loopback-mount-shrinker-rwsem-crash-plus-hungtask.txt", "global nfsd_mutex (fs/nfsd/nfssvc.c)"))
        .extracting(s -> s.function(), s -> s.file(), s -> s.line(), s -> s.evidence())
        .containsExactly("unregister_shrinker", "mm/vmscan.c", 755, "down_write()");
  }

  /**
   * Frames a few inlined calls apart are joined with each call's line: k3s-server/71045 has
   * ext4_setattr, then __ext4_journal_start_sb, with the ext4_journal_start macro and an inline
   * function between them; ext4_setattr makes too many calls for a search forward alone.
   */
  @Test
  void framesAFewInlinedCallsApartAreJoinedWithTheirLines() throws Exception {
    Verdict v = verdict(join("09-flatcar-ext4-jbd2-sysrq-w-214tasks.txt"), "struct inode.i_rwsem");
    Verdict.Holder h = v.holders().stream().filter(x -> x.pid() == 71045).findFirst().orElseThrow();
    assertThat(h.chain()).extracting(s -> s.function(), s -> s.file(), s -> s.line(), s -> s.callee())
        .containsSequence(
            org.assertj.core.groups.Tuple.tuple("ext4_setattr", "fs/ext4/inode.c", 5548, "ext4_journal_start"),
            org.assertj.core.groups.Tuple.tuple("ext4_journal_start", "fs/ext4/ext4_jbd2.h", 310, "__ext4_journal_start"),
            org.assertj.core.groups.Tuple.tuple("__ext4_journal_start", "fs/ext4/ext4_jbd2.h", 326, "__ext4_journal_start_sb"));
  }

  @Test
  void nfsdFscacheTheInodeRwsemOwnedAsTheBlockerLinesSay() throws Exception {
    heldByKernelWord(verdict(join("12-nfsd-fscache-ext4-rwsem-likely-owned-by-6.19.txt"), "struct inode.i_rwsem"), 28110);
  }

  @Test
  void btrfsFiemapFsyncTheMmapLockHeldByTheFsyncTask() throws Exception {
    heldByKernelWord(verdict(join("14-syzbot-btrfs-fiemap-fsync-abba-lockdep.txt"), "struct btrfs_inode.i_mmap_lock"), 5668);
  }

  @Test
  void nfsLoopbackNfsdMutexAndShrinkerRwsemHolders() throws Exception {
    JoinResult j = join("16-nfs-loopback-mount-shrinker-rwsem-crash-plus-hungtask.txt");
    assertThat(j.warning()).as("the version warning").contains("5.10.0");
    heldByKernelWord(verdict(j, "global nfsd_mutex (fs/nfsd/nfssvc.c)"), 234577);
    heldByKernelWord(verdict(j, "global shrinker_rwsem (mm/vmscan.c)"), 234291);
  }

  /**
   * 17's perf lock contention rows name their callers; INDEX.md (the author): the contention is on the
   * block device inode's i_rwsem, taken by blkdev_llseek, and on that rwsem's wait_lock, taken by
   * rwsem_wake; then the inode's i_lock and the lruvec lock.
   */
  @Test
  void perfLockContentionRowsAreTheLocksTheirCallersTake() throws Exception {
    JoinResult j = join("17-perf-lock-contention-blkdev-llseek-callstacks.txt");
    java.util.Map<String, String> byCaller = new java.util.HashMap<>();
    j.profile().forEach(p -> byCaller.putIfAbsent(p.function(), p.identity()));
    assertThat(byCaller).containsEntry("blkdev_llseek", "struct inode.i_rwsem")
        .containsEntry("rwsem_wake", "struct rw_semaphore.wait_lock")
        .containsEntry("folio_lruvec_lock_irqsave", "struct pglist_data.__lruvec.lru_lock")
        .containsEntry("try_to_free_buffers", "struct address_space.private_lock");
    // the rows typed spinlock at blkdev_llseek+0x31 are its rwsem's wait_lock, which the stack shows
    // taken in the rwsem's slow path; __remove_mapping's is the spin_lock its stack names, not the xa_lock_irq
    assertThat(j.profile()).filteredOn(p -> "blkdev_llseek".equals(p.function()))
        .extracting(dev.lockxref.join.ProfileLock::row).containsExactly(1, 10);
    assertThat(j.profile()).filteredOn(p -> "rwsem_down_write_slowpath".equals(p.function()))
        .extracting(dev.lockxref.join.ProfileLock::row, dev.lockxref.join.ProfileLock::identity).containsExactly(
            org.assertj.core.groups.Tuple.tuple(6, "struct rw_semaphore.wait_lock"),
            org.assertj.core.groups.Tuple.tuple(7, "struct rw_semaphore.wait_lock"),
            org.assertj.core.groups.Tuple.tuple(8, "struct rw_semaphore.wait_lock"));
    assertThat(j.profile()).filteredOn(p -> "__remove_mapping".equals(p.function()))
        .extracting(dev.lockxref.join.ProfileLock::identity, dev.lockxref.join.ProfileLock::confidence)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("struct inode.i_lock", "certain"));
  }

  @Test
  void noHolderIsNamedWhereNothingSupportsOne() throws Exception {
    // 10 and 24: tasks stuck on IO that never completes, no lock; 02 and 04: the lock those kernels
    // took there (pag_ici_reclaim_lock, the dm-bufio client lock) is no longer taken there in 6.1
    for (String file : List.of("10-raid1-ext4-io-stall-proc-stack-and-sysrq-w.txt",
        "24-coredump-hang-6.4-rc5-repeated-hungtask-noisy-console.txt", "02-xfs-reclaim-crash-bt.txt",
        "04-dm-bufio-loop-crash-bt.txt")) {
      JoinResult j = join(file);
      assertThat(j.contended()).as(file).allSatisfy(v -> assertThat(v.holders()).as(file + " " + v.identity()).isEmpty());
    }
  }
}
