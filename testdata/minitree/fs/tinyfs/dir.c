// SPDX-License-Identifier: GPL-2.0
/*
 * A file system of its own directory: lockdep gives its inodes' i_rwsem a class of their own
 * (lock-classes.txt), apart from the block device's below it.
 */
#include <linux/fs.h>

struct tiny_sb_info {
	struct mutex tiny_mutex;
	struct mutex tiny_other_mutex;
};

void tiny_set_bdev_size(struct inode *bd_inode);

/* A directory's lock, then the mutex (hpfs_dir_lseek). */
void tiny_dir_lseek(struct tiny_sb_info *sbi, struct inode *dir)
{
	inode_lock(dir);
	mutex_lock(&sbi->tiny_mutex);
	mutex_unlock(&sbi->tiny_mutex);
	inode_unlock(dir);
}

/* The mutex, then the block device's inode (hpfs_fill_super's sb_set_blocksize): another class. */
void tiny_fill_super(struct tiny_sb_info *sbi, struct inode *bd_inode)
{
	mutex_lock(&sbi->tiny_mutex);
	tiny_set_bdev_size(bd_inode);
	mutex_unlock(&sbi->tiny_mutex);
}

/* A directory's lock, then the other mutex. */
void tiny_dir_then_other(struct tiny_sb_info *sbi, struct inode *dir)
{
	inode_lock(dir);
	mutex_lock(&sbi->tiny_other_mutex);
	mutex_unlock(&sbi->tiny_other_mutex);
	inode_unlock(dir);
}

/* The other mutex, then one of its own directories: the same class both ways, a possible deadlock. */
void tiny_other_then_dir(struct tiny_sb_info *sbi, struct inode *dir)
{
	mutex_lock(&sbi->tiny_other_mutex);
	inode_lock(dir);
	inode_unlock(dir);
	mutex_unlock(&sbi->tiny_other_mutex);
}
