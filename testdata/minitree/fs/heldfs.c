/* Held regions, ops tables and blocking rules, one construct each. */
#include <linux/locks.h>
#include <linux/fs.h>

#define GFP_KERNEL 0x1u
#define GFP_ATOMIC 0x2u

struct held_cache { spinlock_t lock; struct mutex big; int items; };
struct held_dir_ops { int (*create)(struct inode *dir, int mode); int (*flush)(struct inode *dir); };
struct held_dir { struct inode *inode; const struct held_dir_ops *ops; };

void *kmalloc(unsigned long size, unsigned int flags);
void io_schedule(void);
void wait_on_buffer(void *bh);

static void held_read_block(void *bh)
{
	wait_on_buffer(bh);
	io_schedule();
}

static int held_create(struct inode *dir, int mode)
{
	held_read_block(dir);
	return mode;
}

static int held_flush(struct inode *dir)
{
	return 0;
}

static const struct held_dir_ops held_dir_operations = {
	.create = held_create,
	.flush = held_flush,
};

#define held_start_create(dir, mode) held_create_started(dir, mode)

int held_create_started(struct inode *dir, int mode)
{
	held_read_block(dir);
	return 0;
}

int held_atomic_alloc(struct held_cache *c)
{
	void *p;

	spin_lock(&c->lock);
	p = kmalloc(32, GFP_ATOMIC);
	c->items++;
	spin_unlock(&c->lock);
	return p != 0;
}

int held_sleeping_alloc(struct held_cache *c)
{
	void *p;

	spin_lock(&c->lock);
	p = kmalloc(32, GFP_KERNEL);
	spin_unlock(&c->lock);
	return p != 0;
}

int held_through_ops(struct held_dir *d, int mode)
{
	int err;

	down_write(&d->inode->i_rwsem);
	err = d->ops->create(d->inode, mode);
	up_write(&d->inode->i_rwsem);
	return err;
}

int held_early_unlock(struct held_cache *c, struct inode *dir)
{
	mutex_lock(&c->big);
	if (c->items == 0) {
		mutex_unlock(&c->big);
		held_read_block(dir);
		return 0;
	}
	c->items--;
	mutex_unlock(&c->big);
	return 1;
}

int held_through_macro(struct held_cache *c, struct inode *dir)
{
	int err;

	mutex_lock(&c->big);
	spin_lock(&c->lock);
	spin_unlock(&c->lock);
	err = held_start_create(dir, 1);
	mutex_unlock(&c->big);
	return err;
}

int held_other_order(struct held_cache *c)
{
	spin_lock(&c->lock);
	mutex_lock(&c->big);
	mutex_unlock(&c->big);
	spin_unlock(&c->lock);
	return 0;
}

int held_trylock(struct held_cache *c, struct inode *dir)
{
	if (!mutex_trylock(&c->big))
		return 0;
	held_read_block(dir);
	mutex_unlock(&c->big);
	return 1;
}

/* Unlocked in both branches; one branch goes on to a call that waits, after its unlock (xfs's end_io). */
void held_unlock_then_call(struct held_cache *c, struct inode *dir)
{
	spin_lock(&c->lock);
	if (c->items > 8) {
		c->items = 0;
		spin_unlock(&c->lock);
		held_read_block(dir);
	} else {
		spin_unlock(&c->lock);
	}
}
