#include <linux/locks.h>

struct super_block {
	struct mutex s_vfs_rename_mutex;
	struct mutex s_lists[4];
};

struct inode {
	struct rw_semaphore i_rwsem;
	spinlock_t i_lock;
	struct super_block *i_sb;
};

struct dentry {
	struct inode *d_inode;
	struct super_block *d_sb;
};

static inline void inode_lock(struct inode *inode)
{
	down_write(&inode->i_rwsem);
}

static inline void inode_unlock(struct inode *inode)
{
	up_write(&inode->i_rwsem);
}
