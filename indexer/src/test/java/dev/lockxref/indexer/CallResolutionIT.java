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
      "kernel/sched/swait.c", "kernel/panic.c", "kernel/notifier.c", "kernel/cpu.c", "mm/memory_hotplug.c",
      "mm/filemap.c", "block/genhd.c", "block/bdev.c", "drivers/mtd/ubi/block.c",
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
    // panic() may wait (its notifier chain reaches ubiblock_notify, which removes a disk) ...
    LockIndex.FunctionRef panic = index.calledFrom("panic", "kernel/panic.c");
    List<BlockingChains.Step> chain = new BlockingChains(index).chain(panic, "disk-io");
    assertThat(chain).extracting(BlockingChains.Step::function).contains("panic", "ubiblock_notify");
    // ... but a caller of panic() that waits on nothing else does not wait because of it
    LockIndex.FunctionRef onWarn = index.calledFrom("check_panic_on_warn", "kernel/panic.c");
    assertThat(index.callsOf(onWarn)).extracting(LockIndex.Edge::callee).contains("panic");
    assertThat(index.blockingSteps(onWarn)).isEmpty();
  }
}
