package dev.lockxref.index;

import static org.assertj.core.api.Assertions.assertThat;

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
}
