package dev.lockxref.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which file system type a site takes a lock keyed by type for, by the rules of lock-classes.txt. */
class LockClassesTest {
  private final LockClasses classes = LockClasses.standard();

  @Test
  void aFileSystemsOwnCodeTakesItForItsOwnType() {
    assertThat(classes.typeOf("fs/hpfs/dir.c")).isEqualTo("fs/hpfs/");
    assertThat(classes.typeOf("fs/smb/client/file.c")).isEqualTo("fs/smb/");
    assertThat(classes.typeOf("block/bdev.c")).isEqualTo("bdev");
    assertThat(classes.typeOf("net/socket.c")).isEqualTo("sockfs");
  }

  @Test
  void theVfsLibrariesAndStackedFileSystemsTakeItForAny() {
    assertThat(classes.typeOf("fs/namei.c")).isEqualTo(LockClasses.ANY);
    assertThat(classes.typeOf("fs/overlayfs/copy_up.c")).isEqualTo(LockClasses.ANY);
    assertThat(classes.typeOf("fs/smb/server/vfs.c")).isEqualTo(LockClasses.ANY);
    assertThat(classes.typeOf("include/linux/fs.h")).isEqualTo(LockClasses.ANY);
    assertThat(classes.typeOf(null)).isEqualTo(LockClasses.ANY);
  }

  @Test
  void onlyLocksKeyedByTypeAreTold() {
    assertThat(classes.maySameClass("struct inode.i_rwsem", "fs/hpfs/dir.c", "block/bdev.c")).isFalse();
    assertThat(classes.maySameClass("struct inode.i_rwsem", "fs/hpfs/dir.c", "fs/hpfs/super.c")).isTrue();
    assertThat(classes.maySameClass("struct inode.i_rwsem", "fs/namei.c", "block/bdev.c")).isTrue();
    assertThat(classes.maySameClass("struct hpfs_sb_info.hpfs_mutex", "fs/hpfs/dir.c", "block/bdev.c")).isTrue();
  }
}
