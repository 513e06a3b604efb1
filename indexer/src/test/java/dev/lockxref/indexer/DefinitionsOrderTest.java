package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names defined by several files (each architecture's own) resolve the same whatever order ctags
 * hands the files over in. The tags are the ones ctags gives for these 6.1 files.
 */
class DefinitionsOrderTest {
  private static final List<List<Tag>> FILES = List.of(
      List.of(variable("i8259A_lock", "arch/x86/kernel/i8259.c", "typename:raw_spinlock_t"),
          member("sp", "pt_regs", "arch/x86/include/asm/ptrace.h", "typename:unsigned long")),
      List.of(variable("i8259A_lock", "drivers/irqchip/irq-i8259.c", "typename:raw_spinlock_t")),
      List.of(member("sp", "pt_regs", "arch/arm64/include/asm/ptrace.h", "typename:u64"),
          typedef("arch_spinlock_t", "arch/arm64/include/asm/spinlock_types.h", "typename:struct qspinlock")),
      List.of(typedef("arch_spinlock_t", "arch/alpha/include/asm/spinlock_types.h", "struct:__anon1"),
          member("sp", "pt_regs", "arch/alpha/include/uapi/asm/ptrace.h", "typename:unsigned long long")),
      List.of(typedef("arch_spinlock_t", "include/linux/spinlock_types_up.h", "struct:__anon2")));

  @Test
  void everyOrderOfFilesGivesTheSameAnswers() {
    List<String> first = answers(FILES);
    assertThat(first).containsExactly(
        "arch/x86/kernel/i8259.c", "drivers/irqchip/irq-i8259.c", "typename:unsigned long", "struct:__anon2");
    List<List<Tag>> files = new ArrayList<>(FILES);
    for (long seed = 1; seed <= 20; seed++) {
      Collections.shuffle(files, new java.util.Random(seed));
      assertThat(answers(files)).as("order %s", files.stream().map(f -> f.get(0).path()).toList()).isEqualTo(first);
    }
  }

  /** i8259A_lock from x86 code and from MIPS code, struct pt_regs.sp, and the typedef arch_spinlock_t. */
  private static List<String> answers(List<List<Tag>> files) {
    Definitions defs = new Definitions();
    files.forEach(defs::addFile);
    CType spinlock = defs.resolveTypedefs(new CType("typename", "arch_spinlock_t", 0));
    return List.of(defs.global("arch/x86/kernel/apic/vector.c", "i8259A_lock").path(),
        defs.global("arch/mips/include/asm/i8259.h", "i8259A_lock").path(),
        defs.memberType("struct pt_regs", "sp"),
        spinlock.kind() + ":" + spinlock.name());
  }

  private static Tag variable(String name, String path, String typeref) {
    return new Tag("tag", name, path, 10, 0, "variable", typeref, null, null, false);
  }

  private static Tag member(String name, String struct, String path, String typeref) {
    return new Tag("tag", name, path, 20, 0, "member", typeref, struct, "struct", false);
  }

  private static Tag typedef(String name, String path, String typeref) {
    return new Tag("tag", name, path, 30, 0, "typedef", typeref, null, null, false);
  }
}
