package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.index.LockIndex;
import dev.lockxref.index.LockSite;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resolver's rules, one construct each, on testdata/minitree with real ctags and Lucene. */
class MiniTreeIndexTest {
  static LockIndex index;

  @BeforeAll
  static void build() throws Exception {
    index = MiniTreeIndex.get();
  }

  private static List<LockSite> in(String function) {
    return index.locks("*").keySet().stream().flatMap(id -> index.sitesOf(id).stream())
        .filter(s -> s.function().equals(function)).toList();
  }

  private static LockSite one(String function, String primitive) {
    List<LockSite> sites = in(function).stream().filter(s -> s.primitive().equals(primitive)).toList();
    assertThat(sites).as("%s sites of %s", primitive, function).hasSize(1);
    return sites.get(0);
  }

  @Test
  void labelComesFromTheMakefile() {
    assertThat(index.info().label()).isEqualTo("9.8.7");
  }

  @Test
  void aPointerHopRestartsTheOwnerType() {
    assertThat(one("mini_lock_rename", "mutex_lock").identity()).isEqualTo("struct super_block.s_vfs_rename_mutex");
  }

  @Test
  void wrappersAreInferredAndTheirCallersTakeTheLock() {
    assertThat(one("inode_lock", "down_write").identity()).isEqualTo("struct inode.i_rwsem");
    assertThat(in("minifs_rename")).filteredOn(s -> s.operation().equals("acquire"))
        .extracting(LockSite::identity, LockSite::via)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("struct super_block.s_vfs_rename_mutex", "mini_lock_rename"),
            org.assertj.core.groups.Tuple.tuple("struct inode.i_rwsem", "mini_lock_rename"));
    assertThat(in("minifs_rename")).filteredOn(s -> s.operation().equals("release"))
        .extracting(LockSite::via).containsOnly("mini_unlock_rename");
  }

  @Test
  void aCallOfAParameterReachesNoFunctionOfThatName() {
    assertThat(index.functions("minifs_each")).hasSize(1);
    assertThat(in("minifs_each")).isEmpty();
  }

  @Test
  void accessorsAndContainerOfGiveTypes() {
    assertThat(one("minifs_orphan_add", "mutex_lock").identity()).isEqualTo("struct minifs_sb_info.s_orphan_lock");
    assertThat(one("minifs_orphan_add", "mutex_lock").resolvedBy()).contains("accessor MINIFS_SB");
    assertThat(one("minifs_orphan_add", "mutex_unlock").identity()).isEqualTo("struct minifs_sb_info.s_orphan_lock");
    assertThat(one("minifs_orphan_add", "down_write").identity()).isEqualTo("struct minifs_inode_info.i_data_sem");
  }

  @Test
  void globalsLocalsPointingAtLocksAndParameterWrappers() {
    assertThat(in("minifs_hash")).filteredOn(s -> s.primitive().equals("spin_lock")).extracting(LockSite::identity)
        .containsExactly("global minifs_hash_lock (fs/minifs.c)", "struct inode.i_lock");
    LockSite viaParameter = one("minifs_hash", "minifs_lock_any");
    assertThat(viaParameter.identity()).isEqualTo("struct inode.i_lock");
    assertThat(viaParameter.via()).isEqualTo("minifs_lock_any");
  }

  @Test
  void arrayElementsAndCastsKeepOneIdentity() {
    assertThat(in("minifs_lists")).extracting(LockSite::identity).containsOnly("struct super_block.s_lists[]");
  }

  @Test
  void guardsAreSitesButNotRcuAndNotCommentsOrStrings() {
    assertThat(in("minifs_table")).singleElement().satisfies(s -> {
      assertThat(s.primitive()).isEqualTo("guard(mutex)");
      assertThat(s.identity()).isEqualTo("global minifs_table_lock (fs/minifs.c)");
    });
  }

  @Test
  void aLockReachedThroughAPointerFieldIsUnresolvedNeverTheField() {
    assertThat(in("minifs_pointer_field")).extracting(LockSite::identity).containsOnly("unresolved sbi->s_lockp");
  }

  @Test
  void initSitesAndDefinitionsNameLockdepClasses() {
    assertThat(index.identitiesOfLockdepClass("&ei->i_data_sem")).containsExactly("struct minifs_inode_info.i_data_sem");
    assertThat(index.identitiesOfLockdepClass("minifs_table_lock")).containsExactly("global minifs_table_lock (fs/minifs.c)");
  }

  @Test
  void membersInsideStructGroupAreMembersOfTheStruct() {
    assertThat(in("minifs_count")).extracting(LockSite::identity).containsOnly("struct minifs_stats.lock");
  }

  @Test
  void macroDefinedFunctionsHaveTheirStackTraceNames() {
    assertThat(index.callees("__do_sys_minirename")).extracting(LockIndex.Edge::callee).contains("minifs_rename");
    assertThat(index.functionsAliased("SYSCALL_DEFINE(minirename)")).containsExactly("__do_sys_minirename");
    assertThat(index.functionsAliased("__x64_sys_minirename")).containsExactly("__do_sys_minirename");
    assertThat(index.hasFunction("minifs_annotated")).isTrue();
    assertThat(one("minifs_annotated", "mutex_lock").identity()).isEqualTo("global minifs_table_lock (fs/minifs.c)");
  }

  private static dev.lockxref.index.HeldRegion region(String identity, String function) {
    List<LockIndex.HeldSite> held = index.held(identity).stream().filter(h -> h.site().function().equals(function)).toList();
    assertThat(held).as("acquire sites of %s in %s", identity, function).hasSize(1);
    return held.get(0).region();
  }

  private static List<String> blockingCallees(dev.lockxref.index.HeldRegion r) {
    return r.calls().stream().filter(dev.lockxref.index.HeldRegion.HeldCall::mayBlock)
        .map(dev.lockxref.index.HeldRegion.HeldCall::callee).toList();
  }

  @Test
  void aGfpAtomicAllocationUnderASpinlockDoesNotBlockAndAGfpKernelOneDoes() {
    dev.lockxref.index.HeldRegion atomic = region("struct held_cache.lock", "held_atomic_alloc");
    assertThat(atomic.calls()).extracting(dev.lockxref.index.HeldRegion.HeldCall::callee).contains("kmalloc");
    assertThat(blockingCallees(atomic)).isEmpty();
    dev.lockxref.index.HeldRegion sleeping = region("struct held_cache.lock", "held_sleeping_alloc");
    assertThat(sleeping.calls()).filteredOn(c -> c.callee().equals("kmalloc")).singleElement()
        .satisfies(c -> assertThat(c.waits()).extracting(dev.lockxref.index.HeldRegion.Wait::kind, dev.lockxref.index.HeldRegion.Wait::evidence)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("memory", "kmalloc(GFP_KERNEL)")));
  }

  @Test
  void aCallThroughAnOpsTableReachesTheFunctionsItsInitializerNames() {
    dev.lockxref.index.HeldRegion r = region("struct inode.i_rwsem", "held_through_ops");
    assertThat(r.status()).isEqualTo("released at 73");
    assertThat(r.calls()).singleElement().satisfies(c -> {
      assertThat(c.callee()).isEqualTo("->create");
      assertThat(c.waits()).extracting(dev.lockxref.index.HeldRegion.Wait::kind).contains("disk-io");
    });
    assertThat(index.callers("held_create")).extracting(LockIndex.Edge::caller, LockIndex.Edge::through)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("held_through_ops", "->create"));
    List<dev.lockxref.index.BlockingChains.Step> chain = new dev.lockxref.index.BlockingChains(index)
        .chain(index.calledFrom("held_through_ops", "fs/heldfs.c"), "disk-io");
    assertThat(chain).extracting(dev.lockxref.index.BlockingChains.Step::function, dev.lockxref.index.BlockingChains.Step::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("held_through_ops", 72),
            org.assertj.core.groups.Tuple.tuple("held_create", 24),
            org.assertj.core.groups.Tuple.tuple("held_read_block", 19));
    assertThat(chain.get(chain.size() - 1).evidence()).isEqualTo("io_schedule()");
  }

  @Test
  void anUnlockBeforeAnEarlyReturnEndsTheRegionOnThatPath() {
    dev.lockxref.index.HeldRegion r = region("struct held_cache.big", "held_early_unlock");
    assertThat(r.status()).isEqualTo("released at 81, 86");
    assertThat(r.calls()).extracting(dev.lockxref.index.HeldRegion.HeldCall::callee).doesNotContain("held_read_block");
  }

  @Test
  void aCallAfterAnUnlockInItsBlockIsNotHeldEvenWithoutAReturn() {
    dev.lockxref.index.HeldRegion r = region("struct held_cache.lock", "held_unlock_then_call");
    assertThat(r.status()).startsWith("released at ");
    assertThat(r.calls()).extracting(dev.lockxref.index.HeldRegion.HeldCall::callee).doesNotContain("held_read_block");
  }

  @Test
  void afterAnIfThatUnlocksInEveryBranchNothingIsHeldUntilALabel() {
    dev.lockxref.index.HeldRegion r = region("struct held_cache.lock", "held_unlock_both_branches");
    assertThat(r.calls()).extracting(dev.lockxref.index.HeldRegion.HeldCall::callee)
        .contains("held_flush").doesNotContain("held_read_block");
  }

  @Test
  void aFunctionThatSaysItReleasesTheLockIsAReleaseWrapperWhateverItsBodyLooksLike() {
    dev.lockxref.index.HeldRegion r = region("struct held_cache.lock", "held_dropped_by_callee");
    assertThat(r.status()).startsWith("released at ");
    assertThat(blockingCallees(r)).isEmpty();
    // one that says it drops the lock and takes it again leaves its caller's lock as it was
    assertThat(in("held_keeps_it_over_a_drop")).extracting(LockSite::primitive).containsExactlyInAnyOrder("spin_lock", "spin_unlock");
  }

  @Test
  void aFunctionThatDropsTheLockItIsCalledWithLastIsAReleaseWrapperThoughItTakesItToo() {
    dev.lockxref.index.HeldRegion r = region("struct held_cache.lock", "held_cleaned_up_by_callee");
    assertThat(r.status()).startsWith("released at ");
    assertThat(blockingCallees(r)).isEmpty();
    // so its caller's lock is released: the caller is no wrapper, and the caller's callers take nothing
    assertThat(in("held_calls_clean_up")).isEmpty();
    // unless it says, with __must_hold, that its caller's lock is as it was
    assertThat(in("held_keeps_it_by_must_hold")).extracting(LockSite::primitive).containsExactlyInAnyOrder("spin_lock", "spin_unlock");
  }

  @Test
  void aLockWrittenInParenthesesIsTheSameLock() {
    assertThat(in("held_paren_unlock")).extracting(LockSite::identity).containsOnly("struct held_cache.big");
    // so the function is balanced, no wrapper, and its caller takes nothing
    assertThat(in("held_calls_paren_unlock")).isEmpty();
  }

  @Test
  void aWaitingCallEndsTheChainWhateverItsBodyReaches() {
    assertThat(index.blockingSteps(index.calledFrom("held_nap", "fs/heldfs.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind).containsExactly("sleep");
  }

  @Test
  void aLockPrimitiveWaitsAsTheTableSaysNotAsAConfigurationsBodyWould() {
    // the RT-style read_unlock's body reaches wait_for_completion; a reader that calls it does not wait
    assertThat(index.blockingSteps(index.calledFrom("read_unlock", "fs/heldfs.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind).containsExactly("wait-task");
    assertThat(index.blockingSteps(index.calledFrom("held_table_size", "fs/heldfs.c"))).isEmpty();
  }

  @Test
  void aPageLockWaitsAsItsBodyDoes() {
    assertThat(index.blockingSteps(index.calledFrom("held_touch_folio", "fs/heldfs.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind, dev.lockxref.index.BlockingStep::distance,
            dev.lockxref.index.BlockingStep::callee)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("disk-io", 2, "folio_lock"));
  }

  @Test
  void anAllocationWhereItsFlagsTestAsNotSleepingDoesNotWait() {
    assertThat(index.blockingSteps(index.calledFrom("held_alloc_any", "fs/heldfs.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind).containsExactly("disk-io");
    assertThat(index.blockingSteps(index.calledFrom("held_alloc_quietly", "fs/heldfs.c"))).isEmpty();
  }

  @Test
  void anEmbeddedLockDroppedByItsOwnStructsFunctionIsNotHeldWhileItWaits() {
    dev.lockxref.index.HeldRegion r = region("struct held_mapping.pages.xa_lock", "held_xa_store");
    assertThat(r.calls()).extracting(dev.lockxref.index.HeldRegion.HeldCall::callee).contains("held_xa_nomem");
    assertThat(blockingCallees(r)).isEmpty();
  }

  @Test
  void freeingAPageUnderALockDoesNotWaitThroughTheAllocatorsDebugging() {
    assertThat(index.blockingSteps(index.calledFrom("mini_free_page", "mm/minipages.c"))).isEmpty();
    dev.lockxref.index.HeldRegion r = region("struct mini_lruvec.lru_lock", "mini_release_page");
    assertThat(r.calls()).extracting(dev.lockxref.index.HeldRegion.HeldCall::callee).contains("mini_free_page");
    assertThat(blockingCallees(r)).isEmpty();
  }

  @Test
  void thePageAllocatorWaitsForMemoryWhateverItsSlowPathReaches() {
    assertThat(index.blockingSteps(index.calledFrom("mini_get_page", "mm/minipages.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind, dev.lockxref.index.BlockingStep::evidence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("memory", "__alloc_pages()"));
    assertThat(index.blockingSteps(index.calledFrom("mini_get_page_atomic", "mm/minipages.c"))).isEmpty();
  }

  @Test
  void aCallThroughAMemberMadeNeverToWaitWaitsOnNothing() {
    // the edge stays for callers and callees; it carries no waiting
    assertThat(index.callees("mini_mask_irq")).extracting(LockIndex.Edge::callee).contains("mini_slow_mask");
    assertThat(index.blockingSteps(index.calledFrom("mini_slow_mask", "kernel/irq.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind).containsExactly("lock");
    assertThat(index.blockingSteps(index.calledFrom("mini_mask_irq", "kernel/irq.c"))).isEmpty();
    dev.lockxref.index.HeldRegion r = region("struct mini_irq_desc.lock", "mini_mask_irq");
    assertThat(r.calls()).extracting(dev.lockxref.index.HeldRegion.HeldCall::callee).containsExactly("->irq_mask");
    assertThat(blockingCallees(r)).isEmpty();
  }

  @Test
  void aClockEventDeviceIsProgrammedWithoutWaiting() {
    assertThat(index.callees("mini_program_event")).extracting(LockIndex.Edge::callee).contains("mini_bus_timer_next");
    assertThat(index.blockingSteps(index.calledFrom("mini_bus_timer_next", "kernel/traps.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind).containsExactly("lock");
    assertThat(index.blockingSteps(index.calledFrom("mini_program_event", "kernel/traps.c"))).isEmpty();
    assertThat(blockingCallees(region("struct mini_tick.lock", "mini_program_event"))).isEmpty();
  }

  @Test
  void theOopsPathIsNoReasonToWait() {
    assertThat(index.blockingSteps(index.calledFrom("bust_spinlocks", "kernel/traps.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind).containsExactly("lock");
    assertThat(index.blockingSteps(index.calledFrom("die", "kernel/traps.c"))).isEmpty();
    assertThat(index.blockingSteps(index.calledFrom("mini_check_trap", "kernel/traps.c"))).isEmpty();
  }

  @Test
  void aCopyMadeNotToFaultDoesNotWaitForUserMemory() {
    assertThat(index.blockingSteps(index.calledFrom("mini_read_string", "kernel/traps.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind, dev.lockxref.index.BlockingStep::evidence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("user-fault", "strncpy_from_user()"));
    assertThat(index.blockingSteps(index.calledFrom("mini_filter_string", "kernel/traps.c"))).isEmpty();
  }

  @Test
  void aNotifierCallReachesNoCallbackByName() {
    assertThat(index.callees("held_call_chain")).extracting(LockIndex.Edge::callee).doesNotContain("held_block_removed");
    assertThat(index.blockingSteps(index.calledFrom("held_call_chain", "fs/heldfs.c"))).isEmpty();
  }

  @Test
  void aMacroThatTakesAGlobalIsALockSiteAndItsCallerAWrapper() {
    assertThat(in("down_mini_console")).extracting(LockSite::identity, LockSite::operation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("global mini_console_sem (kernel/globals.c)", "acquire"));
    assertThat(in("mini_console_lock")).extracting(LockSite::via).containsExactly("down_mini_console");
    assertThat(in("mini_console_unlock")).extracting(LockSite::operation).containsExactly("release");
  }

  @Test
  void aMacroBalancedAcrossContinuedLinesIsNoWrapper() {
    assertThat(in("MINI_TRACE")).extracting(LockSite::operation).containsExactly("acquire", "release");
    assertThat(in("mini_traced")).isEmpty();
  }

  @Test
  void aGlobalsReleaseThreeWrappersDeepStillEndsTheRegion() {
    assertThat(in("mini_change_link")).extracting(LockSite::operation, LockSite::via)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acquire", "mini_rtnl_lock"),
            org.assertj.core.groups.Tuple.tuple("release", "mini_rtnl_unlock"));
    assertThat(region("global mini_rtnl_mutex (kernel/globals.c)", "mini_change_link").status()).isEqualTo("released at 76");
    assertThat(in("mini_calls_change_link")).isEmpty();
  }

  @Test
  void anAnnotationNamingAGlobalWithoutItsAddressMakesTheWrapper() {
    assertThat(in("mini_table_change")).extracting(LockSite::operation, LockSite::via)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acquire", "mini_table_grab"),
            org.assertj.core.groups.Tuple.tuple("release", "mini_table_ungrab"));
    assertThat(in("mini_calls_table_change")).isEmpty();
  }

  @Test
  void aCallOfALockAccessorIsTheLockItReturnsForThoseArguments() {
    assertThat(in("mini_rq_lock")).singleElement().satisfies(s -> {
      assertThat(s.identity()).isEqualTo("struct mini_rq.__lock");
      assertThat(s.resolvedBy()).startsWith("accessor mini_rq_lockp, parameter rq");
    });
    assertThat(in("mini_rq_unlock")).extracting(LockSite::identity, LockSite::operation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("struct mini_rq.__lock", "release"));
    assertThat(region("struct mini_rq.__lock", "mini_schedule_one").status()).isEqualTo("released at 29");
    assertThat(in("mini_calls_schedule_one")).isEmpty();
  }

  @Test
  void anAnnotationWhoseMemberWasRenamedStillNamesTheLockByItsVariable() {
    assertThat(in("mini_task_work")).extracting(LockSite::operation, LockSite::via)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acquire", "mini_task_rq_lock"),
            org.assertj.core.groups.Tuple.tuple("release", "mini_rq_unlock"));
    assertThat(in("mini_calls_task_work")).isEmpty();
  }

  @Test
  void aMemberOfAnUnnamedStructIsAMemberOfTheEnclosingOne() {
    assertThat(in("mini_mmap_read_lock")).extracting(LockSite::identity).containsExactly("struct mini_mm.mmap_lock");
  }

  @Test
  void aCallOfAMacroOfOneLockOperationIsThatOperationOnTheLockItsArgumentsGive() {
    assertThat(in("mini_delete_page")).extracting(LockSite::primitive, LockSite::operation, LockSite::identity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("mini_xa_lock_irq", "acquire", "struct mini_mapping.i_pages.xa_lock"),
            org.assertj.core.groups.Tuple.tuple("mini_xa_unlock_irq", "release", "struct mini_mapping.i_pages.xa_lock"));
    assertThat(region("struct mini_mapping.i_pages.xa_lock", "mini_delete_page").status()).isEqualTo("released at 14");
    // and a macro of such a macro
    assertThat(in("mini_store_page")).extracting(LockSite::operation, LockSite::identity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acquire", "struct mini_xarray.xa_lock"),
            org.assertj.core.groups.Tuple.tuple("release", "struct mini_xarray.xa_lock"));
  }

  @Test
  void aCalleeThatDropsTheCallersLockToSleepDoesNotSleepHoldingIt() {
    dev.lockxref.index.HeldRegion r = region("global held_hash_lock (fs/heldfs.c)", "held_lookup_hashed");
    assertThat(r.calls()).extracting(dev.lockxref.index.HeldRegion.HeldCall::callee).containsExactly("held_find_hashed");
    assertThat(blockingCallees(r)).isEmpty();
    // the function does sleep, lock or no lock
    assertThat(index.blockingSteps(index.calledFrom("held_find_hashed", "fs/heldfs.c")))
        .extracting(dev.lockxref.index.BlockingStep::kind).containsExactly("sleep");
  }

  @Test
  void aCalleeThatTakesAnotherLockOnlyAfterDroppingTheCallersOrdersNothing() {
    dev.lockxref.index.HeldRegion r = region("global held_hash_lock (fs/heldfs.c)", "held_lookup_relocking");
    assertThat(r.nested()).isEmpty();
    assertThat(blockingCallees(r)).isEmpty();
  }

  @Test
  void aLockTakenInAThenBranchThatReturnsIsNotHeldAfterIt() {
    List<LockIndex.HeldSite> one = index.held("struct held_twins.one").stream()
        .filter(h -> h.site().function().equals("held_lock_twins")).toList();
    assertThat(one).extracting(h -> h.site().line()).containsExactly(490, 494);
    assertThat(one.get(0).region().nested()).isEmpty();
    assertThat(index.held("struct held_twins.two")).singleElement().satisfies(h -> assertThat(h.region().nested())
        .extracting(dev.lockxref.index.HeldRegion.NestedLock::identity).containsExactly("struct held_twins.one"));
  }

  @Test
  void aCalleeThatWaitsBeforeItDropsTheCallersLockWaitsHoldingItAndTheChainSaysWhere() {
    dev.lockxref.index.HeldRegion r = region("global held_hash_lock (fs/heldfs.c)", "held_lookup_allocating");
    assertThat(r.calls()).singleElement().satisfies(c -> assertThat(c.waits())
        .extracting(dev.lockxref.index.HeldRegion.Wait::kind, dev.lockxref.index.HeldRegion.Wait::distance)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("memory", 2)));
    dev.lockxref.index.Held.Answer a = new dev.lockxref.index.Held(index)
        .ask("global held_hash_lock (fs/heldfs.c)", dev.lockxref.index.Held.Filter.ALL).get(0);
    dev.lockxref.index.Held.SiteAnswer site = a.sites().stream()
        .filter(s -> s.site().function().equals("held_lookup_allocating")).findFirst().orElseThrow();
    assertThat(site.blocking()).singleElement().satisfies(b -> assertThat(b.chain())
        .extracting(dev.lockxref.index.BlockingChains.Step::function, dev.lockxref.index.BlockingChains.Step::line,
            dev.lockxref.index.BlockingChains.Step::evidence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("held_lookup_allocating", 463, null),
            org.assertj.core.groups.Tuple.tuple("held_alloc_then_wait", 452, "kmalloc(GFP_KERNEL)")));
  }

  @Test
  void aMacroIsFollowedToTheFunctionItExpandsTo() {
    dev.lockxref.index.HeldRegion r = region("struct held_cache.big", "held_through_macro");
    assertThat(blockingCallees(r)).containsExactly("held_start_create");
    assertThat(r.nested()).extracting(dev.lockxref.index.HeldRegion.NestedLock::identity).containsExactly("struct held_cache.lock");
  }

  @Test
  void aTrylockHoldsOnlyWhenItSucceedsAndSaysSo() {
    dev.lockxref.index.HeldRegion r = region("struct held_cache.big", "held_trylock");
    assertThat(r.status()).startsWith("trylock, held only when it succeeds");
    assertThat(blockingCallees(r)).containsExactly("held_read_block");
  }

  @Test
  void aWrapperWhoseFlagsChooseTheLockTakesForEachCallerWhatItAsksFor() {
    java.util.function.Function<String, List<String>> takes = fn -> in(fn).stream()
        .filter(s -> s.operation().equals("acquire")).map(LockSite::identity).sorted().toList();
    assertThat(takes.apply("held_lock_chosen")).containsExactly("struct held_cache.big", "struct held_cache.big", "struct held_cache.lock");
    assertThat(takes.apply("held_takes_spin_only")).containsExactly("struct held_cache.lock");
    // the flag of the else-if: one of the two acquires of the same lock
    assertThat(takes.apply("held_takes_big_shared")).containsExactly("struct held_cache.big");
    // a variable may hold any of the flags
    assertThat(takes.apply("held_takes_what_it_is_given")).containsExactly("struct held_cache.big", "struct held_cache.lock");
    assertThat(takes.apply("held_takes_none")).isEmpty();
    // a local set to flags alone holds one of those, whichever path set it
    assertThat(takes.apply("held_takes_spin_by_local")).containsExactly("struct held_cache.lock");
    // one whose address a callee gets may hold any
    assertThat(takes.apply("held_takes_what_a_callee_picks")).containsExactly("struct held_cache.big", "struct held_cache.lock");
    // a release wrapper chooses by its flags too: dropping the spinlock leaves the mutex held
    assertThat(blockingCallees(region("struct held_cache.big", "held_unlock_spin_first"))).containsExactly("held_read_block");
    assertThat(blockingCallees(region("struct held_cache.lock", "held_unlock_spin_first"))).isEmpty();
    // a release by flags in a variable may name any of the locks: it makes no release wrapper
    assertThat(in("held_calls_release_by_variable")).extracting(LockSite::via).containsOnlyNulls();
    // through a second wrapper that passes its own flags on
    assertThat(takes.apply("held_takes_spin_through_two")).containsExactly("struct held_cache.lock");
    // held while such a call is made: the lock it chose, not the first lock of its body
    assertThat(region("struct held_pair.other", "held_other_then_chosen").nested())
        .extracting(dev.lockxref.index.HeldRegion.NestedLock::identity).containsExactly("struct held_cache.lock");
  }

  @Test
  void aLockTakenInAThenBranchDoesNotCoverItsElseBranch() {
    dev.lockxref.index.HeldRegion r = region("struct held_pair.other", "held_one_or_the_other");
    assertThat(r.nested()).isEmpty();
    assertThat(blockingCallees(r)).containsExactly("held_read_block");
    List<dev.lockxref.index.Held.Answer> answers = new dev.lockxref.index.Held(index)
        .ask("struct held_pair.other", dev.lockxref.index.Held.Filter.ALL);
    assertThat(answers).singleElement().satisfies(a -> assertThat(a.cycles()).isEmpty());
    // a body that takes its locks through wrappers only
    assertThat(region("struct inode.i_rwsem", "held_wrappers_one_or_other").nested()).isEmpty();
  }

  @Test
  void aLockTakenWithALockdepSubclassMakesNoCycle() {
    List<dev.lockxref.index.Held.Answer> answers = new dev.lockxref.index.Held(index)
        .ask("struct held_pair.other", dev.lockxref.index.Held.Filter.ALL);
    assertThat(answers).singleElement().satisfies(a -> {
      assertThat(a.lockOrder()).extracting(dev.lockxref.index.Held.OrderEdge::then, dev.lockxref.index.Held.OrderEdge::how)
          .contains(org.assertj.core.groups.Tuple.tuple("struct held_pair.cache.big", "direct, nested"));

      assertThat(a.lockOrder()).extracting(dev.lockxref.index.Held.OrderEdge::first).contains("struct held_pair.cache.big");
      assertThat(a.cycles()).isEmpty();
    });
    // through a wrapper of the subclassed acquisition too
    assertThat(region("struct held_pair.other", "held_other_then_big_through_wrapper").nested())
        .extracting(dev.lockxref.index.HeldRegion.NestedLock::how).containsExactly("direct, nested");
  }

  @Test
  void aLockKeyedByFileSystemTypeMakesNoCycleBetweenTwoTypes() {
    List<dev.lockxref.index.Held.Answer> answers = new dev.lockxref.index.Held(index)
        .ask("struct inode.i_rwsem", dev.lockxref.index.Held.Filter.ALL);
    // tinyfs' directory, then its mutex; the mutex, then the block device's inode: two classes of i_rwsem
    assertThat(answers).singleElement().satisfies(a -> assertThat(a.cycles()).extracting(dev.lockxref.index.Held.Cycle::other)
        .contains("struct tiny_sb_info.tiny_other_mutex").doesNotContain("struct tiny_sb_info.tiny_mutex"));
  }

  @Test
  void oppositeLockOrdersAreReportedAsAPossibleDeadlock() {
    List<dev.lockxref.index.Held.Answer> answers = new dev.lockxref.index.Held(index)
        .ask("struct held_cache.big", dev.lockxref.index.Held.Filter.ALL);
    assertThat(answers).singleElement().satisfies(a -> assertThat(a.cycles()).singleElement().satisfies(c -> {
      assertThat(c.other()).isEqualTo("struct held_cache.lock");
      assertThat(c.thisThenOther().function()).isEqualTo("held_through_macro");
      assertThat(c.otherThenThis().function()).isEqualTo("held_other_order");
    }));
  }
}
