package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.index.BlockingChains;
import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.WhoTakes;
import dev.lockxref.testing.KernelTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which definition a call reaches when the real 6.1 tree defines its name several times: in
 * userspace tools, as an architecture's override of include/asm-generic/, as a header stub beside
 * the real function. A subset of the tree that holds such pairs, indexed with real ctags.
 */
class CallResolutionIT {
  static final List<String> SUBSET = List.of("include", "arch/x86/include", "kernel/sched/completion.c",
      "kernel/sched/swait.c", "kernel/panic.c", "kernel/exit.c", "kernel/kthread.c", "kernel/notifier.c", "kernel/cpu.c", "mm/memory_hotplug.c",
      "mm/filemap.c", "block/genhd.c", "block/bdev.c", "drivers/mtd/ubi/block.c", "kernel/printk/printk.c",
      "kernel/printk/printk_safe.c", "kernel/debug/kdb/kdb_io.c", "drivers/tty/vt/vt.c", "kernel/sched/core.c",
      "kernel/locking/rwsem.c", "kernel/fork.c", "mm/slab_common.c", "mm/page_alloc.c", "mm/oom_kill.c",
      "lib/stackdepot.c", "mm/kmsan",
      // a userspace model of the kernel, with its own preempt_disable(), complete() and BUG_ON()
      "tools/testing/selftests/rcutorture/formal/srcu-cbmc");
  static Path dir;
  static LockIndex index;

  @BeforeAll
  static void build() throws Exception {
    dir = Files.createTempDirectory("lockxref-calls").resolve("index");
    new Indexer("test").index(new IndexRequest(KernelTree.path(), null, dir, 2, SUBSET, "ctags"), Progress.NONE);
    index = LockIndex.open(dir);
  }

  @AfterAll
  static void close() throws Exception {
    index.close();
    IndexFolder.delete(dir.getParent());
  }

  @Test
  void kernelCodeNeverCallsIntoUserspaceTools() {
    assertThat(index.functions("preempt_disable")).extracting(LockIndex.FunctionRef::file)
        .anyMatch(f -> f.startsWith("tools/"));
    assertThat(index.calledFrom("preempt_disable", "include/linux/spinlock_api_smp.h").file())
        .isEqualTo("include/linux/preempt.h");
    assertThat(index.calledFrom("preempt_disable", "tools/testing/selftests/rcutorture/formal/srcu-cbmc/src/locks.h").file())
        .startsWith("tools/");
  }

  @Test
  void completeWaitsForNothing() {
    LockIndex.FunctionRef complete = index.calledFrom("complete", "kernel/sched/completion.c");
    assertThat(complete.file()).isEqualTo("kernel/sched/completion.c");
    assertThat(index.blockingSteps(complete)).isEmpty();
  }

  @Test
  void anArchitecturesOverrideOfAnAsmGenericMacroWinsEvenInsideAsmGeneric() {
    // BUG_ON() is generic and calls BUG(); x86 defines its own BUG(), which does not call panic()
    assertThat(index.calledFrom("BUG", "include/asm-generic/bug.h").file()).isEqualTo("arch/x86/include/asm/bug.h");
    assertThat(index.calledFrom("BUG", "arch/x86/include/asm/bug.h").file()).isEqualTo("arch/x86/include/asm/bug.h");
  }

  @Test
  void theRealFunctionWinsOverTheHeaderStubOfConfigurationsWithoutIt() {
    // include/linux/cpu.h has an empty cpus_read_lock() for kernels without CPU hotplug
    assertThat(index.functions("cpus_read_lock")).extracting(LockIndex.FunctionRef::file)
        .contains("include/linux/cpu.h", "kernel/cpu.c");
    assertThat(index.calledFrom("cpus_read_lock", "mm/memory_hotplug.c").file()).isEqualTo("kernel/cpu.c");
    List<LockSite> sites = new WhoTakes(index).ask("cpu_hotplug_lock").get(0).acquisitions();
    assertThat(sites).anySatisfy(s -> {
      assertThat(s.function()).isEqualTo("mem_hotplug_begin");
      assertThat(s.via()).isEqualTo("cpus_read_lock");
    });
  }

  @Test
  void noChainGoesThroughAFunctionThatNeverReturns() {
    // do_exit() may wait (exit_mm takes the mm's mmap_lock) ...
    LockIndex.FunctionRef doExit = index.calledFrom("do_exit", "kernel/exit.c");
    assertThat(new BlockingChains(index).chain(doExit, "lock")).extracting(BlockingChains.Step::function).contains("do_exit");
    // ... but kthread_exit(), which only ends the thread through it, does not wait because of it
    LockIndex.FunctionRef kthreadExit = index.calledFrom("kthread_exit", "kernel/kthread.c");
    assertThat(index.callsOf(kthreadExit)).extracting(LockIndex.Edge::callee).contains("do_exit");
    assertThat(index.blockingSteps(kthreadExit)).isEmpty();
    LockIndex.FunctionRef onWarn = index.calledFrom("check_panic_on_warn", "kernel/panic.c");
    assertThat(index.callsOf(onWarn)).extracting(LockIndex.Edge::callee).contains("panic");
    assertThat(index.blockingSteps(onWarn)).isEmpty();
  }

  @Test
  void printkAndAtomicNotifierChainsWaitOnNothing() {
    // the graph knows a notifier_block's callback by the struct alone, so an atomic chain "reaches"
    // ubiblock_notify, which waits for disk IO; vt's console write tells such a chain
    LockIndex.FunctionRef ubi = index.calledFrom("ubiblock_notify", "drivers/mtd/ubi/block.c");
    assertThat(new BlockingChains(index).chain(ubi, "disk-io")).isNotEmpty();
    LockIndex.FunctionRef notifyWrite = index.calledFrom("notify_write", "drivers/tty/vt/vt.c");
    assertThat(index.callsOf(notifyWrite)).extracting(LockIndex.Edge::callee).contains("atomic_notifier_call_chain");
    assertThat(index.blockingSteps(notifyWrite)).isEmpty();
    assertThat(index.blockingSteps(index.calledFrom("vprintk", "kernel/printk/printk_safe.c"))).isEmpty();
  }

  @Test
  void releasingALockWakesItsWaitersWithoutWaiting() {
    // up_write() wakes the waiters; the wake-up frees a task, kfree() reaches KMSAN's hook, which
    // saves a stack with flags the indexer cannot read, and so "may" reach the OOM notifiers' rwsem
    LockIndex.FunctionRef oom = index.calledFrom("out_of_memory", "mm/oom_kill.c");
    assertThat(new BlockingChains(index).chain(oom, "lock")).isNotEmpty();
    LockIndex.FunctionRef upWrite = index.calledFrom("up_write", "include/linux/fs.h");
    assertThat(upWrite.file()).isEqualTo("kernel/locking/rwsem.c");
    assertThat(index.blockingSteps(upWrite)).isEmpty();
    assertThat(index.blockingSteps(index.calledFrom("inode_unlock", "fs/namei.c"))).isEmpty();
    assertThat(index.blockingSteps(index.calledFrom("wake_up_q", "kernel/locking/rwsem.c"))).isEmpty();
  }
}
