package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Locals that hold flags, read from a body's tokens (the forms are those of lib/xarray.c, mm/ and fs/xfs/). */
class FlagLocalsTest {
  private static java.util.Map<String, String> of(String body) {
    Tokens t = CLexer.tokens(body);
    return FlagLocals.read(t, 0, t.size()).allocation();
  }

  @Test
  void aLocalMadeOfFlagsIsReadAsThoseFlagsOredTogether() {
    assertThat(of("gfp_t gfp = GFP_NOWAIT | __GFP_NOWARN; if (x) gfp |= __GFP_ACCOUNT; node = alloc(c, gfp);"))
        .containsExactly(java.util.Map.entry("gfp", "GFP_NOWAIT|__GFP_NOWARN | __GFP_ACCOUNT"));
  }

  @Test
  void aLocalWhoseValueComesFromElsewhereIsLeftOut() {
    assertThat(of("gfp_t gfp = mapping_gfp_mask(mapping); p = alloc(gfp);")).isEmpty();
    assertThat(of("gfp_t gfp = GFP_KERNEL; if (atomic) gfp = flags;")).isEmpty();
    assertThat(of("gfp_t gfp = GFP_KERNEL; gfp &= ~__GFP_FS;")).isEmpty();
    assertThat(of("gfp_t gfp = nofail ? GFP_NOFS : GFP_KERNEL;")).isEmpty();
    // fs/iomap/buffered-io.c: one path's flags must not stand for the other's
    assertThat(of("gfp_t gfp; if (flags & IOMAP_NOWAIT) gfp = GFP_NOWAIT; else gfp = GFP_NOFS | __GFP_NOFAIL;")).isEmpty();
  }

  @Test
  void comparisonsAndMembersAreNoAssignments() {
    assertThat(of("if (gfp == GFP_KERNEL) x(); if (a != GFP_ATOMIC) y(); s->gfp = GFP_NOIO; v[i] = GFP_NOIO;")).isEmpty();
  }

  private static java.util.Map<String, String> alternatives(String body) {
    Tokens t = CLexer.tokens(body);
    return FlagLocals.read(t, 0, t.size()).alternatives();
  }

  @Test
  void aLocalSetToLockFlagsOnEveryPathMayHoldAnyOfThem() {
    assertThat(alternatives("unsigned int iolock = XFS_IOLOCK_SHARED; if (x) iolock = XFS_IOLOCK_EXCL; xfs_ilock(ip, iolock);"))
        .containsExactly(java.util.Map.entry("iolock", "XFS_IOLOCK_EXCL | XFS_IOLOCK_SHARED"));
    assertThat(alternatives("uint lock = 0; if (a) lock |= (XFS_ILOCK_EXCL); f(lock);"))
        .containsExactly(java.util.Map.entry("lock", "XFS_ILOCK_EXCL"));
    assertThat(alternatives("uint lock = 0; g(lock);")).containsExactly(java.util.Map.entry("lock", "0"));
  }

  @Test
  void aLocalSetOtherwiseOrChangedElsewhereHoldsNoKnownFlags() {
    assertThat(alternatives("lock = xfs_ilock_data_map_shared(ip); xfs_iunlock(ip, lock);")).isEmpty();
    assertThat(alternatives("mode = XFS_ILOCK_SHARED; xfs_ilock_for_iomap(ip, flags, &mode);")).isEmpty();
    assertThat(alternatives("uint iolock = XFS_IOLOCK_EXCL; error = xfs_break_layouts(inode, &iolock, BREAK_UNMAP);")).isEmpty();
    assertThat(alternatives("mode = XFS_ILOCK_SHARED; mode++;")).isEmpty();
    assertThat(alternatives("mode = XFS_ILOCK_SHARED; mode &= ~XFS_ILOCK_EXCL;")).isEmpty();
    assertThat(alternatives("err = -ENOMEM; f(err);")).isEmpty();
    // allocation flags are read per path, by the allocation rules
    assertThat(alternatives("gfp_t gfp = GFP_NOWAIT; if (x) gfp = GFP_KERNEL;")).isEmpty();
  }

  @Test
  void aCallGivenSuchALocalCarriesItsFlags() {
    Tokens t = CLexer.tokens("{ gfp_t gfp = GFP_NOWAIT | __GFP_NOWARN; node = kmem_cache_alloc_lru(cache, lru, gfp); }");
    Calls calls = BodyScanner.calls(t, 1, t.size() - 1, new Names());
    assertThat(calls.get(0).callee()).isEqualTo("kmem_cache_alloc_lru");
    assertThat(calls.get(0).args()).isEqualTo(List.of("cache", "lru", "GFP_NOWAIT|__GFP_NOWARN"));
  }
}
