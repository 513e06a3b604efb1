#include <linux/fs.h>

struct minifs_inode_info {
	struct rw_semaphore i_data_sem;
	struct inode vfs_inode;
};

struct minifs_sb_info {
	struct mutex s_orphan_lock;
	spinlock_t *s_lockp;
};

static inline struct minifs_inode_info *MINIFS_I(struct inode *inode)
{
	return container_of(inode, struct minifs_inode_info, vfs_inode);
}

static inline struct minifs_sb_info *MINIFS_SB(struct super_block *sb)
{
	return (struct minifs_sb_info *)sb;
}

struct minifs_stats {
	int hits;
	struct_group(counters,
		spinlock_t lock;
		long misses;
	);
};
