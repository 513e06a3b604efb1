package dev.lockxref.capture.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.LockdepHolder;
import dev.lockxref.stack.Analyzer;
import dev.lockxref.stack.Simplifier;
import dev.lockxref.testing.Testdata;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every task of the public dumps in ../shared/realworld (read where they are, never copied into
 * this repository) is read, with the counts their INDEX.md gives: real crash, sysrq, hung-task,
 * lockdep, /proc stack, perf lock, klockstat and offcputime output, as posted.
 */
class RealWorldCorpusTest {
  private static final Path CORPUS = Testdata.root().getParent().resolve("../shared/realworld").normalize();

  /**
   * What INDEX.md says of one file: stacks read (a task reported twice counts twice), distinct
   * tasks, tasks named in lockdep's lists, lock-contention rows, and the formats it holds.
   */
  private record Known(String file, int stacks, int tasks, int lockdepHolders, int lockStats, String... formats) {}

  private static final List<Known> KNOWN = List.of(
      new Known("01-btrfs-dedupe-sysrq-w-lockdep.txt", 6, 6, 9, 0, "lockdep", "sysrq-w"),
      new Known("02-xfs-reclaim-crash-bt.txt", 2, 2, 0, 0, "crash"),
      new Known("04-dm-bufio-loop-crash-bt.txt", 2, 2, 0, 0, "crash"),
      new Known("09-flatcar-ext4-jbd2-sysrq-w-214tasks.txt", 214, 214, 0, 0, "sysrq-w"),
      // 40 tasks in sysrq-w, and 2 of them again from /proc/PID/stack
      new Known("10-raid1-ext4-io-stall-proc-stack-and-sysrq-w.txt", 42, 40, 0, 0, "proc-stack", "sysrq-w"),
      new Known("11-nfsd-el9-sysrq-t-635tasks-dmesg-T.txt", 635, 635, 0, 0, "sysrq"),
      new Known("12-nfsd-fscache-ext4-rwsem-likely-owned-by-6.19.txt", 10, 10, 0, 0, "hung-task", "hung-task-blocker"),
      new Known("13-dm-snapshot-drbd-mips-4.4-oldformat-wrapped.txt", 10, 10, 0, 0, "hung-task"),
      new Known("14-syzbot-btrfs-fiemap-fsync-abba-lockdep.txt", 3, 3, 9, 0, "hung-task", "lockdep"),
      // 8 reports of 5 tasks
      new Known("15-syzbot-blkdev-invalidate-lock-cant-die.txt", 8, 5, 12, 0, "hung-task", "lockdep"),
      new Known("16-nfs-loopback-mount-shrinker-rwsem-crash-plus-hungtask.txt", 11, 11, 29, 0, "crash", "hung-task", "lockdep"),
      // INDEX.md counts 9 rows in the first table; the file has 10 (its lines 4, 13, ... 85) and 10 in the second
      new Known("17-perf-lock-contention-blkdev-llseek-callstacks.txt", 0, 0, 0, 20, "perf-lock-contention"),
      new Known("20-bcc-offcputime-kernel-stacks.txt", 61, 48, 0, 0, "offcputime"),
      new Known("21-bcc-offcputime-folded.txt", 47, 39, 0, 0, "folded"),
      // the spin table's 7 rows; the hold table (7 more) says how long callers held the mutex: no contention
      new Known("22-bcc-klockstat-mutex-stats.txt", 0, 0, 0, 7, "klockstat"),
      new Known("23-cgroup-bpf-release-cgroup-mutex-cpu-hotplug-hungtask-lockdep.txt", 10, 10, 26, 0, "hung-task", "lockdep"),
      // 10 reports of 2 tasks
      new Known("24-coredump-hang-6.4-rc5-repeated-hungtask-noisy-console.txt", 10, 2, 5, 0, "hung-task", "lockdep"),
      new Known("25-btrfs058-fdget-pos-old-sysrq-w-header.txt", 1, 1, 0, 0, "sysrq-w"),
      new Known("26-rhel7-xfsaild-proc-pid-stack-two-hosts.txt", 2, 2, 0, 0, "proc-stack"));

  private static List<Capture> parse(String file) throws Exception {
    assumeTrue(Files.isDirectory(CORPUS), "the real-world corpus is not beside this checkout: " + CORPUS);
    try (InputStream in = CaptureInput.open(CORPUS.resolve(file).toString())) {
      return new CaptureParser().parse(file, in);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyTaskOfEveryDumpIsRead() {
    return KNOWN.stream().map(k -> DynamicTest.dynamicTest(k.file(), () -> {
      List<Capture> captures = parse(k.file());
      Set<String> formats = new TreeSet<>();
      Set<String> tasks = new HashSet<>();
      Set<String> holders = new HashSet<>();
      int stacks = 0;
      int stats = 0;
      for (Capture c : captures) {
        formats.addAll(c.formats());
        stacks += c.tasks().size();
        c.tasks().forEach(t -> tasks.add(t.comm() + "/" + t.pid()));
        c.lockdepHolders().forEach(h -> holders.add(h.comm() + "/" + h.pid()));
        stats += c.lockStats().size();
      }
      assertThat(stacks).as("stacks").isEqualTo(k.stacks());
      assertThat(tasks).as("distinct tasks").hasSize(k.tasks());
      assertThat(holders).as("tasks in lockdep's lists").hasSize(k.lockdepHolders());
      assertThat(stats).as("lock contention rows").isEqualTo(k.lockStats());
      assertThat(formats).containsExactlyInAnyOrder(k.formats());
      int groups = new Analyzer(new Simplifier()).analyze(captures).groups().size();
      if (k.stacks() > 0) {
        assertThat(groups).as("groups").isBetween(1, k.stacks());
      }
    }));
  }

  @Test
  void theRunningCulpritOfTheBtrfsHangHoldsLocksLockdepDidNotList() throws Exception {
    // INDEX.md: crawl_257_265/6491 holds the transaction open while running; lockdep prints "3 locks held" and no entries
    Capture c = parse("01-btrfs-dedupe-sysrq-w-lockdep.txt").get(0);
    assertThat(c.unlistedHolders()).contains(new LockdepHolder("crawl_257_265", 6491, 3));
    assertThat(c.unlistedHolders()).extracting(LockdepHolder::pid).doesNotContain(6502, 6494, 6503, 6504);
  }
}
