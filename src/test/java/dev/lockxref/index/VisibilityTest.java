package dev.lockxref.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of several definitions of one name a file reaches; the paths are real 6.1 ones. */
class VisibilityTest {
  @Test
  void theFilesOwnDefinitionComesFirstAndAnotherFilesStaticIsNotVisible() {
    assertThat(Visibility.rank("fs/namei.c", "fs/namei.c", true)).isZero();
    assertThat(Visibility.rank("fs/namei.c", "fs/dcache.c", true)).isNegative();
  }

  @Test
  void aFileUnderArchSeesItsOwnArchitectureThenGenericCodeThenOthers() {
    String mips = "arch/mips/include/asm/i8259.h";
    assertThat(Visibility.better(mips, "drivers/irqchip/irq-i8259.c", false, "arch/x86/kernel/i8259.c", false)).isTrue();
    assertThat(Visibility.better(mips, "arch/mips/kernel/i8259.c", false, "drivers/irqchip/irq-i8259.c", false)).isTrue();
    assertThat(Visibility.better(mips, "arch/x86/kernel/i8259.c", false, "drivers/irqchip/irq-i8259.c", false)).isFalse();
  }

  @Test
  void codeOutsideArchSeesX86FirstThenGenericCode() {
    String generic = "kernel/irq/manage.c";
    assertThat(Visibility.better(generic, "arch/x86/kernel/i8259.c", false, "drivers/irqchip/irq-i8259.c", false)).isTrue();
    assertThat(Visibility.better(generic, "drivers/irqchip/irq-i8259.c", false, "arch/arm/kernel/irq.c", false)).isTrue();
  }

  @Test
  void equalsAreDecidedByPathWhateverOrderTheyComeIn() {
    String from = "kernel/irq/manage.c";
    assertThat(Visibility.better(from, "arch/arm/kernel/irq.c", false, "arch/mips/kernel/irq.c", false)).isTrue();
    assertThat(Visibility.better(from, "arch/mips/kernel/irq.c", false, "arch/arm/kernel/irq.c", false)).isFalse();
  }

  @Test
  void toolsAndSeparatelyLinkedImagesSeeOnlyThemselves() {
    String tools = "tools/testing/selftests/rcutorture/formal/srcu-cbmc/src/preempt.c";
    assertThat(Visibility.rank("include/linux/spinlock_api_smp.h", tools, false)).isNegative();
    assertThat(Visibility.rank("tools/testing/selftests/rcutorture/formal/srcu-cbmc/src/locks.h", tools, false)).isEqualTo(2);
    assertThat(Visibility.rank(tools, "include/linux/preempt.h", false)).isNegative();
    // the boot code's own strlen is not the kernel's, even for x86's own files
    assertThat(Visibility.rank("fs/namei.c", "arch/x86/boot/string.c", false)).isNegative();
    assertThat(Visibility.rank("arch/x86/kernel/setup.c", "arch/x86/boot/string.c", false)).isNegative();
    assertThat(Visibility.rank("arch/x86/boot/main.c", "arch/x86/boot/string.c", false)).isEqualTo(1);
    assertThat(Visibility.rank("arch/x86/boot/main.c", "lib/string.c", false)).isNegative();
  }

  @Test
  void anArchitecturesOverrideComesBeforeTheAsmGenericDefaultEvenFromItsOwnFile() {
    String generic = "include/asm-generic/bug.h";
    assertThat(Visibility.rank(generic, "arch/x86/include/asm/bug.h", false))
        .isLessThan(Visibility.rank(generic, generic, false));
    assertThat(Visibility.rank("arch/arm/kernel/traps.c", generic, false)).isEqualTo(2);
  }

  record Definition(String path, int tier) {}

  @Test
  void amongEquallyCloseDefinitionsTheTierDecidesBeforeThePath() {
    // include/linux/cpu.h's empty cpus_read_lock() is for kernels without CPU hotplug
    Definition stub = new Definition("include/linux/cpu.h", Visibility.tier("include/linux/cpu.h", false, true));
    Definition real = new Definition("kernel/cpu.c", Visibility.tier("kernel/cpu.c", false, false));
    assertThat(Visibility.closest("mm/memory_hotplug.c", List.of(stub, real), Definition::path, d -> false, Definition::tier))
        .isEqualTo(real);
    // but a closer definition wins whatever its tier: x86's BUG() over the generic one
    Definition x86 = new Definition("arch/x86/include/asm/bug.h", Visibility.tier("arch/x86/include/asm/bug.h", true, true));
    Definition function = new Definition("lib/bug.c", Visibility.tier("lib/bug.c", false, false));
    assertThat(Visibility.closest("fs/namei.c", List.of(function, x86), Definition::path, d -> false, Definition::tier))
        .isEqualTo(x86);
    assertThat(Visibility.tier("include/linux/fs.h", true, false)).isLessThan(Visibility.tier("include/linux/fs.h", true, true));
  }
}
