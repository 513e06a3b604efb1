package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import dev.lockxref.index.WhoTakes;
import dev.lockxref.testing.KernelTree;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index of the real 6.1 tree (fs/, mm/, kernel/locking, include/): well-known lock sites must
 * resolve to the identities a kernel developer would name.
 */
class KernelTreeIndexIT {
  static LockIndex index;

  @BeforeAll
  static void build() throws Exception {
    index = SharedIndex.get();
  }

  private static List<LockSite> sitesIn(String function) {
    return index.locks("*").keySet().stream().flatMap(id -> index.sitesOf(id).stream())
        .filter(s -> s.function().equals(function)).toList();
  }

  private static List<LockSite> sitesOf(String identity) {
    return index.sitesOf(identity);
  }

  @Test
  void theIndexRecordsItsTreeAndLabel() {
    assertThat(index.info().label()).isEqualTo("6.1.192");
    assertThat(index.info().tree()).isEqualTo(KernelTree.path().toAbsolutePath().normalize().toString());
    assertThat(index.info().schemaVersion()).isEqualTo(dev.lockxref.index.IndexSchema.VERSION);
  }

  @Test
  void inodeLockResolvesToTheInodesRwsemThroughItsInferredWrapper() {
    List<LockSite> sites = sitesOf("struct inode.i_rwsem").stream()
        .filter(s -> s.function().equals("open_last_lookups") && s.operation().equals("acquire")).toList();
    assertThat(sites).isNotEmpty();
    assertThat(sites).anySatisfy(s -> {
      assertThat(s.via()).isEqualTo("inode_lock");
      assertThat(s.file()).isEqualTo("fs/namei.c");
    });
    assertThat(sitesOf("struct inode.i_rwsem")).anySatisfy(s -> {
      assertThat(s.function()).isEqualTo("inode_lock");
      assertThat(s.primitive()).isEqualTo("down_write");
      assertThat(s.file()).isEqualTo("include/linux/fs.h");
    });
  }

  @Test
  void lockRenameTakesTheSuperBlocksRenameMutexForItsCallers() {
    List<WhoTakes.Answer> answers = new WhoTakes(index).ask("s_vfs_rename_mutex");
    assertThat(answers).extracting(WhoTakes.Answer::identity).containsExactly("struct super_block.s_vfs_rename_mutex");
    List<LockSite> takes = answers.get(0).acquisitions();
    assertThat(takes).anySatisfy(s -> {
      assertThat(s.function()).isEqualTo("lock_rename");
      assertThat(s.primitive()).isEqualTo("mutex_lock");
      assertThat(s.via()).isNull();
    });
    assertThat(takes).anySatisfy(s -> {
      assertThat(s.function()).isEqualTo("do_renameat2");
      assertThat(s.via()).isEqualTo("lock_rename");
    });
    assertThat(takes.stream().map(LockSite::function).distinct().count()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void globalsAndFileStaticLocksNameTheirFile() {
    assertThat(sitesOf("global inode_hash_lock (fs/inode.c)")).hasSizeGreaterThan(10)
        .allSatisfy(s -> assertThat(s.kind()).isEqualTo("spinlock"));
    assertThat(new WhoTakes(index).ask("inode_hash_lock")).extracting(WhoTakes.Answer::identity)
        .contains("global inode_hash_lock (fs/inode.c)");
  }

  @Test
  void ext4LocksResolveThroughAccessorsAndPointerHops() {
    assertThat(sitesOf("struct ext4_inode_info.i_data_sem")).hasSizeGreaterThan(20)
        .anySatisfy(s -> assertThat(s.resolvedBy()).contains("accessor EXT4_I"));
    assertThat(sitesOf("struct ext4_sb_info.s_orphan_lock")).isNotEmpty();
    assertThat(sitesOf("struct journal_s.j_state_lock")).hasSizeGreaterThan(20);
  }

  @Test
  void guardSitesAreLockSitesAndNonLockGuardsAreNot() {
    assertThat(sitesOf("global pstore_sb_lock (fs/pstore/inode.c)"))
        .anySatisfy(s -> assertThat(s.primitive()).isEqualTo("guard(mutex)"));
    assertThat(index.locks("*").keySet()).noneMatch(id -> id.contains("rcu_read_lock"));
  }

  @Test
  void aGuardReleasesAtTheEndOfItsScopeSoItMakesNoWrapper() {
    // psinfo_lock_root() holds pstore_sb_lock by guard() and returns with the root's inode locked
    assertThat(sitesOf("global pstore_sb_lock (fs/pstore/inode.c)")).isNotEmpty()
        .noneMatch(s -> "psinfo_lock_root".equals(s.via()));
    assertThat(sitesOf("struct inode.i_rwsem"))
        .anySatisfy(s -> {
          assertThat(s.function()).isEqualTo("pstore_put_backend_records");
          assertThat(s.via()).isEqualTo("psinfo_lock_root");
        });
  }

  @Test
  void aPrimitiveCallIsOneSiteEvenWhereItsNameIsAlsoAFunctionThatTakesALock() {
    // lock_page() is a primitive and an inline function around folio_lock(): one site a call
    List<LockSite> all = index.locks("*").keySet().stream().flatMap(id -> index.sitesOf(id).stream()).toList();
    assertThat(all).filteredOn(s -> s.primitive().equals("lock_page")).isNotEmpty();
    assertThat(all).noneMatch(s -> s.primitive().equals(s.via()) && dev.lockxref.index.Primitives.standard().get(s.via()) != null);
  }

  @Test
  void lockdepClassNamesMapToIdentitiesThroughInitSites() {
    assertThat(index.identitiesOfLockdepClass("&ei->i_data_sem")).contains("struct ext4_inode_info.i_data_sem");
    assertThat(new WhoTakes(index).ask("(&ei->i_data_sem)")).extracting(WhoTakes.Answer::identity)
        .contains("struct ext4_inode_info.i_data_sem");
  }

  @Test
  void syscallBodiesCarryTheNamesStackTracesShow() {
    assertThat(index.hasFunction("__do_sys_renameat2")).isTrue();
    assertThat(index.callees("__do_sys_renameat2")).anySatisfy(e -> assertThat(e.callee()).isEqualTo("do_renameat2"));
  }

  @Test
  void mutexAndRwsemAcquisitionsInFsResolveToAStructOrGlobal() {
    long all = 0;
    long resolved = 0;
    for (String id : index.locks("*").keySet()) {
      for (LockSite s : index.sitesOf(id)) {
        if (s.file().startsWith("fs/") && s.via() == null && (s.kind().equals("mutex") || s.kind().equals("rwsem"))
            && (s.operation().equals("acquire") || s.operation().equals("try"))) {
          all++;
          if (id.startsWith("struct ") || id.startsWith("union ") || id.startsWith("global ")) {
            resolved++;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "mutex/rwsem acquisitions in fs/: %d, resolved to a struct or global identity: %d (%.1f%%)%n",
        all, resolved, 100.0 * resolved / all);
    assertThat(all).isGreaterThan(1500);
    assertThat(1000 * resolved).isGreaterThanOrEqualTo(950 * all);
  }

  @Test
  void sitesOnOneLineComeInTheOrderTheCodeTakesThem() {
    // lock_rename takes the rename mutex, then the parents' i_rwsem: the index's documents are
    // written in no fixed order, and a waiter at that call is ranked by this order
    assertThat(index.sitesInFunction("do_renameat2")).filteredOn(s -> s.primitive().equals("lock_rename"))
        .extracting(LockSite::identity)
        .containsExactly("struct super_block.s_vfs_rename_mutex", "struct inode.i_rwsem");
  }

  @Test
  void everyLockPatternCountsEverySite() {
    long listed = index.locks("*").values().stream().mapToLong(Long::longValue).sum();
    assertThat(listed).isEqualTo(index.count("site"));
    assertThat(index.locks("s_vfs_rename")).containsOnlyKeys("struct super_block.s_vfs_rename_mutex");
  }

  @Test
  void unknownNamesGetSuggestions() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WhoTakes(index).ask("s_vfs_rename_mutx"))
        .hasMessageContaining("nearest names: s_vfs_rename_mutex");
  }
}
