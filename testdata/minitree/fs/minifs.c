#include "minifs.h"

static DEFINE_MUTEX(minifs_table_lock);
static __cacheline_aligned_in_smp DEFINE_SPINLOCK(minifs_hash_lock);

/* Takes the rename mutex and returns with it held: an acquire wrapper. */
struct dentry *mini_lock_rename(struct dentry *p1, struct dentry *p2)
{
	mutex_lock(&p1->d_sb->s_vfs_rename_mutex);
	inode_lock(p1->d_inode);
	return p1;
}

void mini_unlock_rename(struct dentry *p1)
{
	inode_unlock(p1->d_inode);
	mutex_unlock(&p1->d_sb->s_vfs_rename_mutex);
}

static void minifs_lock_any(spinlock_t *lock)
{
	spin_lock(lock);
}

int minifs_rename(struct dentry *a, struct dentry *b)
{
	mini_lock_rename(a, b);
	mini_unlock_rename(a);
	return 0;
}

void minifs_orphan_add(struct inode *inode)
{
	struct minifs_sb_info *sbi = MINIFS_SB(inode->i_sb);
	struct super_block *sb = inode->i_sb;

	mutex_lock(&MINIFS_SB(sb)->s_orphan_lock);
	down_write(&MINIFS_I(inode)->i_data_sem);
	up_write(&MINIFS_I(inode)->i_data_sem);
	mutex_unlock(&sbi->s_orphan_lock);
}

void minifs_hash(struct inode *inode)
{
	spinlock_t *l = &inode->i_lock;

	spin_lock(&minifs_hash_lock);
	spin_unlock(&minifs_hash_lock);
	spin_lock(l);
	spin_unlock(l);
	minifs_lock_any(&inode->i_lock);
	spin_unlock(&inode->i_lock);
}

void minifs_lists(struct super_block *sb, int i)
{
	mutex_lock(&sb->s_lists[i]);
	mutex_unlock(&((struct super_block *)sb)->s_lists[i]);
}

void minifs_table(void)
{
	guard(mutex)(&minifs_table_lock);
	guard(rcu)();
	/* mutex_lock(&minifs_table_lock) in a comment is no site */
	report("mutex_lock(&minifs_table_lock)");
}

int minifs_pointer_field(struct minifs_sb_info *sbi)
{
	spin_lock(sbi->s_lockp);
	spin_unlock(sbi->s_lockp);
	return 0;
}

void minifs_init(struct minifs_inode_info *ei)
{
	init_rwsem(&ei->i_data_sem);
}

SYSCALL_DEFINE2(minirename, const char __user *, from, const char __user *, to)
{
	return minifs_rename(0, 0);
}

static int __acquires(&minifs_table_lock) minifs_annotated(void)
{
	mutex_lock(&minifs_table_lock);
	return 0;
}

void minifs_count(struct minifs_stats *st)
{
	spin_lock(&st->lock);
	st->misses++;
	spin_unlock(&st->lock);
}

/* A parameter named like a function of this file: the call goes through the pointer it was given. */
void minifs_each(struct inode *inode, void (*minifs_lock_any)(spinlock_t *))
{
	minifs_lock_any(&inode->i_lock);
}
