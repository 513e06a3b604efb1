package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.read.CaptureInput;
import dev.lockxref.capture.read.CaptureParser;
import dev.lockxref.index.BlockingChains;
import dev.lockxref.index.LockIndex;
import dev.lockxref.join.Join;
import dev.lockxref.join.JoinResult;
import dev.lockxref.join.Verdict;
import dev.lockxref.stack.Analyzer;
import dev.lockxref.stack.Simplifier;
import dev.lockxref.testing.Manifest;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The join on every lab capture against the real 6.1 tree's index: the lock, the waiters of each
 * round, the holder the MANIFEST names as the top candidate, its activity and a chain down to the wait.
 */
class LabJoinIT {
  static LockIndex index;

  @BeforeAll
  static void build() throws Exception {
    index = SharedIndex.get();
  }

  static JoinResult join(java.nio.file.Path file) throws Exception {
    List<Capture> captures;
    try (InputStream in = CaptureInput.open(file.toString())) {
      captures = new CaptureParser().parse(file.toString(), in);
    }
    Simplifier simplifier = new Simplifier();
    return new Join(index, simplifier).join(new Analyzer(simplifier).analyze(captures), null);
  }

  @TestFactory
  Stream<DynamicTest> everyCaptureNamesTheLockItsWaitersAndItsHolder() {
    return Manifest.all().stream().flatMap(m -> m.entries().stream().map(e -> DynamicTest.dynamicTest(
        m.scenario() + " " + e.file().getFileName(), () -> {
          JoinResult j = join(e.file());
          if (e.waiters() == 0) {
            // crash's bt -a: only the tasks on a CPU, none of them waiting
            assertThat(j.contended()).as("contended locks").isEmpty();
            return;
          }
          assertThat(j.contended()).as("contended locks").isNotEmpty();
          Verdict v = j.contended().get(0);
          assertThat(v.identity()).isEqualTo(m.lock());
          assertThat(v.kind()).isEqualTo(m.lockKind());
          assertThat(v.sites()).as("acquire sites").isNotEmpty()
              .allSatisfy(s -> assertThat(s.line()).isPositive());
          long waiters = v.waiters().distinct();
          if (e.interleaved()) {
            // two CPUs printed at once: the MANIFEST's count is approximate too
            assertThat(waiters).isBetween(Math.round(e.waiters() * 0.9), Math.round(e.waiters() * 1.1));
          } else if (e.shape().equals("proc-stack-headers")) {
            // the headers give each task's state: a task running or sleeping at the lock's caller is not
            // counted as waiting, while the MANIFEST's rule looks at frames only
            assertThat(waiters).isBetween((long) e.waiters() - 3, (long) e.waiters());
          } else {
            assertThat(waiters).isEqualTo(e.waiters());
          }
          if (e.holders().isEmpty()) {
            return;
          }
          assertThat(v.holders()).as("holder candidates").isNotEmpty();
          Verdict.Holder top = v.holders().get(0);
          assertThat(e.holders()).extracting(Manifest.Holder::pid).contains(top.pid());
          assertThat(top.activityId()).isEqualTo("disk-io");
          assertThat(top.chain()).as("the holder's chain").isNotEmpty();
          BlockingChains.Step last = top.chain().get(top.chain().size() - 1);
          assertThat(last.evidence()).as("the chain ends at the IO wait").isNotNull();
          assertThat(List.of("bit_wait_io()", "io_schedule()", "__wait_on_buffer()", "wait_on_buffer()", "submit_bio_wait()"))
              .contains(last.evidence());
        })));
  }

  /**
   * The creator holding the directory's rwsem has path_openat and ext4_create on its stack, and
   * between them the inlined open_last_lookups (the region) and lookup_open: the chain gives each
   * of those calls with its line, through the region.
   */
  @org.junit.jupiter.api.Test
  void theHoldersChainGoesThroughTheInlinedRegionWithItsLines() throws Exception {
    JoinResult j = join(dev.lockxref.testing.Testdata.captures().resolve("dir-rwsem/round1-sysrq-t.txt.xz"));
    Verdict.Holder top = j.contended().get(0).holders().get(0);
    assertThat(top.pid()).isEqualTo(357);
    assertThat(top.chain().subList(0, 3)).extracting(BlockingChains.Step::function, BlockingChains.Step::line,
        BlockingChains.Step::callee).containsExactly(
            org.assertj.core.groups.Tuple.tuple("path_openat", 3835, "open_last_lookups"),
            org.assertj.core.groups.Tuple.tuple("open_last_lookups", 3601, "lookup_open"),
            org.assertj.core.groups.Tuple.tuple("lookup_open", 3533, "ext4_create"));
    assertThat(top.chain().get(2).through()).isEqualTo("->create");
    // past the ops table, each function is the one the call reaches (ext4's static ext4_create), with
    // its lines down to the inode bitmap's read (kernel/, where the stack goes on, is not in this index)
    assertThat(top.chain().get(3)).extracting(BlockingChains.Step::function, BlockingChains.Step::file)
        .containsExactly("ext4_create", "fs/ext4/namei.c");
    int bitmap = top.chain().stream().map(BlockingChains.Step::function).toList().indexOf("ext4_read_inode_bitmap");
    assertThat(bitmap).as("the inode bitmap's read in the chain").isPositive();
    assertThat(top.chain().subList(0, bitmap + 1)).allSatisfy(step -> {
      assertThat(step.file()).as("the file of %s", step.function()).isNotNull();
      assertThat(step.line()).as("the line in %s", step.function()).isPositive();
    });
  }

  /**
   * A hand-checked snippet in the shape of Debian 6.1's hung-task reports with lockdep's held-locks
   * list (Debian's kernel has no lockdep): two renamers wait for the rename mutex, a third task
   * holds it by lockdep's word while it reads a directory block.
   */
  @org.junit.jupiter.api.Test
  void lockdepsHeldLocksNameTheHolderAndSaySoWhileItsWaitersAreNoHolders() throws Exception {
    JoinResult j = join(dev.lockxref.testing.Testdata.snippets().resolve("lockdep-join.txt"));
    Verdict v = j.contended().get(0);
    assertThat(v.identity()).isEqualTo("struct super_block.s_vfs_rename_mutex");
    assertThat(v.waiters().distinct()).isEqualTo(2);
    assertThat(v.holders()).isNotEmpty();
    Verdict.Holder top = v.holders().get(0);
    assertThat(top.pid()).isEqualTo(4410);
    assertThat(top.source()).isEqualTo("kernel");
    assertThat(top.why()).contains("lockdep lists &type->s_vfs_rename_key");
    assertThat(top.activityId()).isEqualTo("disk-io");
    assertThat(v.holders()).extracting(Verdict.Holder::pid).doesNotContain(4415, 4416);
  }

  /**
   * The lab's lockdep kernel: SysRq w and d in one file. Lockdep names the holder of the directory's
   * rwsem (here a task missing from the blocked ones: it was running with the lock), and the join
   * names it as the kernel's word, not as an inference.
   */
  @org.junit.jupiter.api.Test
  void theLabsLockdepKernelNamesTheHolderItself() throws Exception {
    Manifest m = Manifest.all().stream().filter(x -> x.dir().getFileName().toString().equals("dir-rwsem-lockdep"))
        .findFirst().orElseThrow(() -> new AssertionError("no testdata/captures/dir-rwsem-lockdep"));
    Manifest.LockdepHolder truth = m.lockdepHolders().get(0);
    Verdict v = join(truth.file()).contended().get(0);
    assertThat(v.identity()).isEqualTo(m.lock());
    assertThat(v.waiters().distinct()).isEqualTo(m.entries().stream().filter(e -> e.file().equals(truth.file()))
        .findFirst().orElseThrow().waiters());
    Verdict.Holder top = v.holders().get(0);
    assertThat(top.pid()).isEqualTo(truth.pid());
    assertThat(top.comm()).isEqualTo(truth.comm());
    assertThat(top.source()).isEqualTo("kernel");
    assertThat(top.why()).contains("lockdep lists &type->i_mutex_dir_key");
    if (!truth.blocked()) {
      assertThat(top.activityId()).isEqualTo("absent");
    }
  }

  /**
   * The lab's perf lock contention files: perf names a row's caller after the lock functions it
   * knows and passes over some (do_syscall_64 for the rename's mutex), so the row's call stack says
   * where it waited; every mutex and rwsem row is the scenario's lock.
   */
  @TestFactory
  Stream<DynamicTest> perfLockContentionRowsAreTheScenariosLock() {
    return Manifest.all().stream().flatMap(m -> m.profiles().stream()
        .filter(p -> p.entries() > 0 && p.file().getFileName().toString().contains("perf-lock-contention"))
        .map(p -> DynamicTest.dynamicTest(m.dir().getFileName() + "/" + p.file().getFileName(), () -> {
          JoinResult j = join(p.file());
          List<dev.lockxref.capture.LockStat> rows;
          try (InputStream in = CaptureInput.open(p.file().toString())) {
            rows = new CaptureParser().parse(p.file().toString(), in).get(0).lockStats();
          }
          assertThat(rows).hasSize(p.entries());
          java.util.Map<Integer, String> identity = new java.util.HashMap<>();
          j.profile().forEach(x -> identity.put(x.row(), x.identity()));
          long sleeping = 0;
          for (int r = 0; r < rows.size(); r++) {
            if (java.util.Set.of("mutex", "rwsem:W", "rwsem:R").contains(String.valueOf(rows.get(r).type()))) {
              sleeping++;
              assertThat(identity.get(r)).as("row " + r + " " + rows.get(r).name()).isEqualTo(m.lock());
            }
          }
          assertThat(sleeping).as("mutex and rwsem rows").isPositive();
        })));
  }

  /** The lab's /proc/lock_stat: its top class, the directory's rwsem by its lockdep key, is the lock the pile-up waits for. */
  @org.junit.jupiter.api.Test
  void lockStatsTopClassIsTheContendedLock() throws Exception {
    Manifest m = Manifest.all().stream().filter(x -> x.dir().getFileName().toString().equals("dir-rwsem-lockdep"))
        .findFirst().orElseThrow(() -> new AssertionError("no testdata/captures/dir-rwsem-lockdep"));
    JoinResult j = join(m.dir().resolve("round4-lock-stat.txt.xz"));
    assertThat(j.profile()).isNotEmpty();
    dev.lockxref.join.ProfileLock top = j.profile().get(0);
    assertThat(top.row()).isZero();
    assertThat(top.identity()).isEqualTo(m.lock());
    assertThat(top.why()).contains("lockdep class &type->i_mutex_dir_key#5");
  }

  /** The hung-task blocker lines of kernels from 6.14 on name the owner: the join says the kernel said so. */
  @org.junit.jupiter.api.Test
  void blockerLinesNameTheHolderAndSaySo() throws Exception {
    JoinResult j = join(dev.lockxref.testing.Testdata.snippets().resolve("blocker-join.txt"));
    Verdict v = j.contended().get(0);
    assertThat(v.identity()).isEqualTo("struct super_block.s_vfs_rename_mutex");
    Verdict.Holder top = v.holders().get(0);
    assertThat(top.pid()).isEqualTo(4410);
    assertThat(top.source()).isEqualTo("kernel");
    assertThat(top.why()).contains("is blocked on a mutex likely owned by task mover:4410");
  }

  /** A blocker line may name an owner whose stack the report does not print: it is still the holder, by the kernel's word. */
  @org.junit.jupiter.api.Test
  void anOwnerTheKernelNamesButDidNotPrintIsStillTheHolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    List<String> lines = java.nio.file.Files.readAllLines(dev.lockxref.testing.Testdata.snippets().resolve("blocker-join.txt"));
    int mover = 0;
    while (!lines.get(mover).contains("task mover:4410 blocked")) {
      mover++;
    }
    java.nio.file.Path without = tmp.resolve("no-owner-stack.txt");
    java.nio.file.Files.write(without, lines.subList(0, mover));
    Verdict v = join(without).contended().get(0);
    Verdict.Holder top = v.holders().get(0);
    assertThat(top.pid()).isEqualTo(4410);
    assertThat(top.comm()).isEqualTo("mover");
    assertThat(top.source()).isEqualTo("kernel");
    assertThat(top.activityId()).isEqualTo("absent");
    assertThat(top.chain()).isEmpty();
  }
}
