package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.index.BlockingChains;
import dev.lockxref.index.Held;
import dev.lockxref.index.LockIndex;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Held regions, the call graph through ops tables, and may-block chains, on the real 6.1 tree (fs, mm, kernel/locking, include). */
class HeldRegionsIT {
  static LockIndex index;

  @BeforeAll
  static void build() throws Exception {
    index = SharedIndex.get();
  }

  private static Held.SiteAnswer site(String lock, Held.Filter filter) {
    List<Held.Answer> answers = new Held(index).ask(lock, filter);
    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).sites()).as("sites of %s in %s", lock, filter.function()).isNotEmpty();
    return answers.get(0).sites().get(0);
  }

  @Test
  void aCreateUnderTheDirectorysRwsemMayReadTheInodeBitmapFromDiskThroughExt4sCreateOp() {
    Held.SiteAnswer s = site("struct inode.i_rwsem",
        new Held.Filter("open_last_lookups", "disk-io", List.of("ext4_create", "ext4_read_inode_bitmap")));
    assertThat(s.site().file()).isEqualTo("fs/namei.c");
    Held.BlockingCall call = s.blocking().stream().filter(b -> b.callee().equals("lookup_open")).findFirst().orElseThrow();
    assertThat(call.kind()).isEqualTo("disk-io");
    List<BlockingChains.Step> chain = call.chain();
    assertThat(chain).extracting(BlockingChains.Step::function)
        .startsWith("open_last_lookups", "lookup_open", "ext4_create")
        .contains("__ext4_new_inode", "ext4_read_inode_bitmap");
    assertThat(chain.get(1).through()).isEqualTo("->create");
    assertThat(chain.get(1).callee()).isEqualTo("ext4_create");
    assertThat(chain).allSatisfy(step -> {
      assertThat(step.file()).isNotBlank();
      assertThat(step.line()).isPositive();
    });
    assertThat(chain.get(chain.size() - 1).evidence()).isIn("__wait_on_buffer()", "io_schedule()", "submit_bio_wait()");
  }

  @Test
  void withoutAWaypointTheShortestDiskIoChainIsGiven() {
    Held.SiteAnswer s = site("struct inode.i_rwsem", new Held.Filter("open_last_lookups", null, List.of()));
    assertThat(s.blocking()).isNotEmpty();
    assertThat(s.blocking().get(0).kind()).isEqualTo("disk-io");
    assertThat(s.blocking()).extracting(Held.BlockingCall::callee).contains("lookup_open");
  }

  @Test
  void underTheRenameMutexLookupsMayReadDirectoryBlocksFromDisk() {
    List<Held.SiteAnswer> sites = new Held(index).ask("struct super_block.s_vfs_rename_mutex",
        new Held.Filter("do_renameat2", "disk-io", List.of())).get(0).sites();
    assertThat(sites).isNotEmpty().allSatisfy(s -> assertThat(s.site().via()).isEqualTo("lock_rename"));
    assertThat(sites.get(0).blocking()).extracting(Held.BlockingCall::callee).anyMatch(c -> c.startsWith("lookup_one"));
    assertThat(sites.get(0).blocking()).allSatisfy(b -> assertThat(b.chain()).isNotEmpty());
  }

  /** Spinlock regions in fs/ and mm/ that cannot sleep: list and counter updates, GFP_ATOMIC and GFP_NOWAIT allocations. */
  @Test
  void spinlockRegionsThatSleepInNoWayReportNothing() {
    String[][] clean = {
      {"struct ext4_sb_info.s_es_lock", "ext4_es_list_del"},
      {"struct inode.i_lock", "affs_fix_dcache"},
      {"global memcg_idr_lock (mm/memcontrol.c)", "mem_cgroup_alloc_id"},
      {"global kernfs_idr_lock (fs/kernfs/dir.c)", "__kernfs_new_node"},
    };
    for (String[] c : clean) {
      Held.SiteAnswer s = site(c[0], new Held.Filter(c[1], null, List.of()));
      assertThat(s.callsWhileHeld()).as("calls while %s is held in %s", c[0], c[1]).isPositive();
      assertThat(s.blocking()).as("blocking calls while %s is held in %s", c[0], c[1]).isEmpty();
    }
  }

  @Test
  void aTrylockUnderALockOrdersNothing() {
    // __d_unalias: mutex_trylock(s_vfs_rename_mutex), then inode_trylock_shared(the parent's inode)
    Held.SiteAnswer s = site("struct super_block.s_vfs_rename_mutex", new Held.Filter("__d_unalias", null, List.of()));
    assertThat(s.site().operation()).isEqualTo("try");
    assertThat(s.nested()).extracting(dev.lockxref.index.HeldRegion.NestedLock::identity).doesNotContain("struct inode.i_rwsem");
    // while a plain acquisition under it does: lock_rename takes the directories' rwsems
    Held.SiteAnswer rename = site("struct super_block.s_vfs_rename_mutex", new Held.Filter("lock_rename", null, List.of()));
    assertThat(rename.nested()).extracting(dev.lockxref.index.HeldRegion.NestedLock::identity).contains("struct inode.i_rwsem");
    // with lockdep subclasses (lock_two_directories: inode_lock_nested(..., I_MUTEX_PARENT)), so no cycle with a plain order
    assertThat(rename.nested()).filteredOn(n -> n.identity().equals("struct inode.i_rwsem"))
        .allSatisfy(n -> assertThat(n.how()).endsWith(", nested"));
    assertThat(new Held(index).ask("struct super_block.s_vfs_rename_mutex", Held.Filter.ALL).get(0).cycles())
        .allSatisfy(c -> assertThat(c.otherThenThis().function()).isNotEqualTo("lock_rename"))
        .allSatisfy(c -> assertThat(c.thisThenOther().function()).isNotEqualTo("lock_rename"));
  }

  /**
   * xfs_ilock(ip, flags) takes the inode's i_rwsem, its mapping's invalidate_lock or its ilock (an
   * mrlock) as the flags say, each under an if of its own: a call takes what it asks for.
   */
  @Test
  void xfsIlockTakesTheLockItsFlagsChoose() {
    java.util.function.BiFunction<String, Integer, List<String>> identities = (file, line) -> index.sitesAt(file, line).stream()
        .filter(s -> s.operation().equals("acquire")).map(dev.lockxref.index.LockSite::identity).toList();
    // xfs_bmapi_convert_one_delalloc: xfs_ilock(ip, XFS_ILOCK_EXCL)
    assertThat(identities.apply("fs/xfs/libxfs/xfs_bmap.c", 4576)).singleElement().asString().endsWith(".mr_lock");
    // xfs_getbmap: xfs_ilock(ip, XFS_IOLOCK_SHARED)
    assertThat(identities.apply("fs/xfs/xfs_bmap_util.c", 441)).containsExactly("struct inode.i_rwsem");
    // xfs_getbmap: xfs_ilock(ip, lock), lock a variable: any of the three
    assertThat(identities.apply("fs/xfs/xfs_bmap_util.c", 452)).hasSize(3);
    // xfs_ilock_data_map_shared: lock_mode = XFS_ILOCK_SHARED, or XFS_ILOCK_EXCL on one path; xfs_ilock(ip, lock_mode)
    assertThat(identities.apply("fs/xfs/xfs_inode.c", 119)).singleElement().asString().endsWith(".mr_lock");
    assertThat(index.sitesOf("struct inode.i_rwsem")).extracting(dev.lockxref.index.LockSite::via)
        .doesNotContain("xfs_ilock_data_map_shared", "xfs_ilock_attr_map_shared");
    // xfs_file_fallocate gives &iolock to xfs_break_layouts, which may change it: any of the three
    assertThat(identities.apply("fs/xfs/xfs_file.c", 935)).hasSize(3);
    // the lock chain of a call that reaches xfs_ilock(..., XFS_ILOCK_EXCL | XFS_ILOCK_RTBITMAP) ends at the ilock
    List<BlockingChains.Step> chain = new BlockingChains(index).chain(index.calledFrom("xfs_bmap_rtalloc", "fs/xfs/xfs_bmap_util.c"), "lock");
    assertThat(chain).hasSize(1);
    assertThat(chain.get(0).evidence()).startsWith("xfs_ilock(").endsWith(".mr_lock)");
  }

  /** btrfs_sync_file: if (skip_ilock) down_write(&i_mmap_lock); else btrfs_inode_lock(inode, BTRFS_ILOCK_MMAP); */
  @Test
  void aLockTakenInOneBranchDoesNotOrderTheLocksOfTheOther() {
    Held.SiteAnswer mmapOnly = new Held(index).ask("struct btrfs_inode.i_mmap_lock", new Held.Filter("btrfs_sync_file", null, List.of()))
        .get(0).sites().stream().filter(s -> s.site().primitive().equals("down_write")).findFirst().orElseThrow();
    assertThat(mmapOnly.nested()).extracting(dev.lockxref.index.HeldRegion.NestedLock::identity).doesNotContain("struct inode.i_rwsem");
    // btrfs_inode_lock itself takes the inode's rwsem, then the mmap lock: that order is real
    Held.SiteAnswer both = site("struct inode.i_rwsem", new Held.Filter("btrfs_inode_lock", null, List.of()));
    assertThat(both.nested()).extracting(dev.lockxref.index.HeldRegion.NestedLock::identity).contains("struct btrfs_inode.i_mmap_lock");
  }

  /**
   * Sparse's annotations are a function's own word: locked_inode_to_wb_and_lock_list says it drops
   * the inode's i_lock and takes wb->list_lock, so __mark_inode_dirty is balanced and
   * mark_inode_dirty releases nothing for its callers; xfs_iget_recycle says it drops i_flags_lock.
   */
  @Test
  void annotationsDecideWrappersAndAnIfThatUnlocksInEveryBranchEndsTheRegion() {
    List<dev.lockxref.index.LockSite> listLock = index.sitesOf("struct bdi_writeback.list_lock");
    assertThat(listLock).filteredOn(x -> "inode_to_wb_and_lock_list".equals(x.via())).isNotEmpty()
        .allSatisfy(x -> assertThat(x.operation()).isEqualTo("acquire"));
    assertThat(listLock).extracting(dev.lockxref.index.LockSite::via).doesNotContain("mark_inode_dirty", "mark_buffer_dirty");
    // xfs_iget_cache_hit: xfs_iget_recycle() in one branch, spin_unlock() in the other, then xfs_ilock()
    Held.SiteAnswer hit = site("struct xfs_inode.i_flags_lock", new Held.Filter("xfs_iget_cache_hit", null, List.of()));
    assertThat(hit.nested()).extracting(dev.lockxref.index.HeldRegion.NestedLock::identity).doesNotContain("struct inode.i_rwsem");
  }

  /**
   * cleanup_ref_head is called with the delayed ref head's spinlock, drops it, takes it again and
   * drops it last: a release for __btrfs_run_delayed_refs, which therefore takes nothing for its
   * callers (it had made btrfs_commit_transaction and 43 others "take" that spinlock).
   */
  @Test
  void aFunctionCalledWithALockThatDropsItLastReleasesItForItsCaller() {
    List<dev.lockxref.index.LockSite> headLock = index.sitesOf("struct btrfs_delayed_ref_head.lock");
    assertThat(headLock).filteredOn(x -> x.function().equals("__btrfs_run_delayed_refs"))
        .anySatisfy(x -> assertThat(x.via()).isEqualTo("cleanup_ref_head"));
    assertThat(headLock).extracting(dev.lockxref.index.LockSite::via)
        .doesNotContain("__btrfs_run_delayed_refs", "btrfs_run_delayed_refs", "btrfs_commit_transaction");
  }

  /**
   * ext4_map_blocks drops i_data_sem with up_read((&EXT4_I(inode)->i_data_sem)): the same lock in
   * parentheses, so it is balanced, and ext4_bread, ext4_readdir and the rest of ext4 take nothing
   * through it (they had, and ext4_readdir's "order" made a possible deadlock with i_rwsem).
   */
  @Test
  void aReleaseWrittenInParenthesesBalancesItsAcquire() {
    assertThat(index.sitesAt("fs/ext4/inode.c", 633)).extracting(dev.lockxref.index.LockSite::identity)
        .containsExactly("struct ext4_inode_info.i_data_sem");
    assertThat(index.sitesOf("struct ext4_inode_info.i_data_sem")).extracting(dev.lockxref.index.LockSite::via)
        .doesNotContain("ext4_map_blocks", "ext4_bread", "ext4_getblk");
  }

  @Test
  void flagsHeldInALocalAreReadAtTheAllocationThatTakesThem() {
    // fs/buffer.c: gfp_t gfp = GFP_NOFS | __GFP_ACCOUNT; ... bh = alloc_buffer_head(gfp);
    LockIndex.FunctionRef f = index.calledFrom("alloc_page_buffers", "fs/buffer.c");
    assertThat(index.blockingSteps(f)).anySatisfy(step -> {
      assertThat(step.kind()).isEqualTo("memory");
      assertThat(step.distance()).isEqualTo(1);
      assertThat(step.evidence()).contains("GFP_NOFS");
    });
  }

  @Test
  void whyBlocksGivesEachKindsChainDownToTheWaitingCall() {
    LockIndex.FunctionRef f = index.calledFrom("ext4_read_inode_bitmap", "fs/ext4/ialloc.c");
    List<BlockingChains.Step> chain = new BlockingChains(index).chain(f, "disk-io");
    assertThat(chain).extracting(BlockingChains.Step::function).startsWith("ext4_read_inode_bitmap");
    assertThat(chain.get(chain.size() - 1).evidence()).isNotNull();
    assertThat(chain).hasSizeLessThanOrEqualTo(4);
  }
}
