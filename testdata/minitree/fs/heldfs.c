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

/* A wrapper whose flags choose the lock (xfs_ilock's shape): each caller takes what it asks for. */
#define HELD_BIG_LOCK 0x1u
#define HELD_SPIN_LOCK 0x2u
#define HELD_BIG_SHARED 0x4u

struct held_pair { struct held_cache cache; struct mutex other; };

void held_lock_chosen(struct held_cache *c, unsigned int lock_flags)
{
	if (lock_flags & HELD_BIG_LOCK)
		mutex_lock(&c->big);
	else if (lock_flags & HELD_BIG_SHARED)
		mutex_lock_nested(&c->big, 1);
	if (lock_flags & (HELD_SPIN_LOCK))
		spin_lock(&c->lock);
}

void held_takes_spin_only(struct held_cache *c)
{
	held_lock_chosen(c, HELD_SPIN_LOCK);
}

void held_takes_big_shared(struct held_cache *c)
{
	held_lock_chosen(c, HELD_BIG_SHARED);
}

void held_takes_what_it_is_given(struct held_cache *c, unsigned int how)
{
	held_lock_chosen(c, how);
}

/* Flags in a local set to flags alone, on either path (xfs_file_buffered_write's iolock). */
void held_takes_spin_by_local(struct held_cache *c, int locked)
{
	unsigned int how = 0;

	if (locked)
		how = HELD_SPIN_LOCK;
	held_lock_chosen(c, how);
}

/* A local whose address is passed on may be set to anything (xfs_ilock_for_iomap's &lockmode). */
void held_pick_flags(unsigned int *how);

void held_takes_what_a_callee_picks(struct held_cache *c)
{
	unsigned int how = HELD_SPIN_LOCK;

	held_pick_flags(&how);
	held_lock_chosen(c, how);
}

void held_takes_none(struct held_cache *c)
{
	held_lock_chosen(c, 0);
}

/* One lock or the other, never both (btrfs_sync_file's shape): no order between them. */
void held_one_or_the_other(struct held_pair *p, int skip)
{
	if (skip)
		mutex_lock(&p->other);
	else
		mutex_lock(&p->cache.big);
	held_read_block(p);
	if (skip)
		mutex_unlock(&p->other);
	else
		mutex_unlock(&p->cache.big);
}

void held_other_then_big(struct held_pair *p)
{
	mutex_lock(&p->cache.big);
	mutex_lock(&p->other);
	mutex_unlock(&p->other);
	mutex_unlock(&p->cache.big);
}

void held_other_then_chosen(struct held_pair *p)
{
	mutex_lock(&p->other);
	held_lock_chosen(&p->cache, HELD_SPIN_LOCK);
	spin_unlock(&p->cache.lock);
	mutex_unlock(&p->other);
}

/* Only wrappers, no primitive of its own (btrfs_remap_file_range's shape): the else-branch is still apart. */
void held_wrappers_one_or_other(struct held_pair *p, struct inode *dir, int same)
{
	if (same)
		inode_lock(dir);
	else
		held_lock_chosen(&p->cache, HELD_BIG_LOCK);
	held_read_block(dir);
}

/* A wrapper of the flag-chosen wrapper that passes its own flags on (xfs_ilock_iocb's shape). */
void held_lock_chosen_again(struct held_cache *c, unsigned int again_flags)
{
	held_lock_chosen(c, again_flags);
}

void held_takes_spin_through_two(struct held_cache *c)
{
	held_lock_chosen_again(c, HELD_SPIN_LOCK);
}

void held_unlock_chosen(struct held_cache *c, unsigned int unlock_flags)
{
	if (unlock_flags & HELD_SPIN_LOCK)
		spin_unlock(&c->lock);
	if (unlock_flags & HELD_BIG_LOCK)
		mutex_unlock(&c->big);
}

/* Dropping the spinlock alone leaves the mutex held over the read (xfs_iunlock(ip, XFS_ILOCK_EXCL)). */
void held_unlock_spin_first(struct held_cache *c, struct inode *dir)
{
	held_lock_chosen(c, HELD_BIG_LOCK | HELD_SPIN_LOCK);
	held_unlock_chosen(c, HELD_SPIN_LOCK);
	held_read_block(dir);
	held_unlock_chosen(c, HELD_BIG_LOCK);
}

/* Both branches unlock (xfs_iget_cache_hit's shape): after the if nothing is held, but a goto's label is. */
void held_unlock_both_branches(struct held_cache *c, struct inode *dir, int fast)
{
	spin_lock(&c->lock);
	if (c->items < 0)
		goto out;
	if (fast) {
		c->items = 0;
		spin_unlock(&c->lock);
	} else {
		c->items++;
		spin_unlock(&c->lock);
	}
	held_read_block(dir);
	return;
out:
	held_flush(dir);
	spin_unlock(&c->lock);
}

/* Drops the lock it is called with, then takes and drops it again (xfs_iget_recycle): it says so. */
static void held_drop_and_retake(struct held_cache *c)
	__releases(&c->lock)
{
	spin_unlock(&c->lock);
	if (c->items) {
		spin_lock(&c->lock);
		c->items--;
		spin_unlock(&c->lock);
	}
}

void held_dropped_by_callee(struct held_cache *c, struct inode *dir)
{
	spin_lock(&c->lock);
	held_drop_and_retake(c);
	held_read_block(dir);
}

/* Drops the caller's lock for a while and takes it again (rpm_resume): no wrapper either way. */
static void held_drop_for_a_while(struct held_cache *c)
	__releases(&c->lock) __acquires(&c->lock)
{
	spin_unlock(&c->lock);
	held_read_block(c);
	spin_lock(&c->lock);
}

void held_keeps_it_over_a_drop(struct held_cache *c)
{
	spin_lock(&c->lock);
	held_drop_for_a_while(c);
	c->items++;
	spin_unlock(&c->lock);
}

/* Called with the lock, drops it, takes it again and drops it last, and says nothing (cleanup_ref_head). */
static void held_clean_up(struct held_cache *c)
{
	spin_unlock(&c->lock);
	held_read_block(c);
	spin_lock(&c->lock);
	c->items = 0;
	spin_unlock(&c->lock);
}

void held_cleaned_up_by_callee(struct held_cache *c, struct inode *dir)
{
	spin_lock(&c->lock);
	c->items++;
	held_clean_up(c);
	held_read_block(dir);
}

void held_calls_clean_up(struct held_cache *c, struct inode *dir)
{
	held_cleaned_up_by_callee(c, dir);
}

/* Says its caller's lock is as it was, though one path drops it last (add_transaction_credits). */
static int held_maybe_wait(struct held_cache *c)
	__must_hold(&c->lock)
{
	if (c->items) {
		spin_unlock(&c->lock);
		held_read_block(c);
		spin_lock(&c->lock);
		c->items = 0;
		spin_unlock(&c->lock);
		return 1;
	}
	return 0;
}

void held_keeps_it_by_must_hold(struct held_cache *c)
{
	spin_lock(&c->lock);
	held_maybe_wait(c);
	c->items++;
	spin_unlock(&c->lock);
}

/* Releases the lock written in parentheses (ext4_map_blocks: up_read((&EXT4_I(inode)->i_data_sem))). */
static void held_paren_unlock(struct held_cache *c)
{
	mutex_lock(&c->big);
	c->items++;
	mutex_unlock((&c->big));
}

void held_calls_paren_unlock(struct held_cache *c)
{
	held_paren_unlock(c);
}

/* The scheduler flushes plugged IO on its way to sleep (sched_submit_work): a sleep is still a sleep. */
void schedule(void)
{
	held_read_block(0);
}

void held_nap(void)
{
	schedule();
}

/* Takes by a flag, drops by a variable (__xfs_filemap_fault): the variable may not name the mutex. */
unsigned int held_mode(struct held_cache *c);

void held_release_by_variable(struct held_cache *c)
{
	unsigned int mode = held_mode(c);

	held_lock_chosen(c, HELD_SPIN_LOCK);
	held_unlock_chosen(c, mode);
}

void held_calls_release_by_variable(struct held_cache *c)
{
	mutex_lock(&c->big);
	held_release_by_variable(c);
	mutex_unlock(&c->big);
}

/* The same lock taken with a lockdep subclass (lock_rename's inode_lock_nested): no cycle with the plain order. */
void held_other_then_big_nested(struct held_pair *p)
{
	mutex_lock(&p->other);
	mutex_lock_nested(&p->cache.big, 1);
	mutex_unlock(&p->cache.big);
	mutex_unlock(&p->other);
}

/* A wrapper of the subclassed acquisition (lock_two_directories' shape) keeps the subclass. */
static void held_lock_big_inner(struct held_pair *p)
{
	mutex_lock_nested(&p->cache.big, 1);
}

void held_other_then_big_through_wrapper(struct held_pair *p)
{
	mutex_lock(&p->other);
	held_lock_big_inner(p);
	mutex_unlock(&p->cache.big);
	mutex_unlock(&p->other);
}

/* Drops its caller's lock to sleep and takes it again (__wait_on_freeing_inode's shape): the caller does not sleep holding it. */
static DEFINE_SPINLOCK(held_hash_lock);

static void held_wait_unhashed(struct held_cache *c)
{
	spin_unlock(&held_hash_lock);
	schedule();
	spin_lock(&held_hash_lock);
}

static void held_find_hashed(struct held_cache *c)
{
	if (c->items)
		held_wait_unhashed(c);
}

void held_lookup_hashed(struct held_cache *c)
{
	spin_lock(&held_hash_lock);
	held_find_hashed(c);
	spin_unlock(&held_hash_lock);
}

/* One that allocates before it drops the lock does sleep while its caller holds it. */
static void held_alloc_then_wait(struct held_cache *c)
{
	void *p = kmalloc(8, GFP_KERNEL);

	spin_unlock(&held_hash_lock);
	schedule();
	spin_lock(&held_hash_lock);
	c->items = p != 0;
}

void held_lookup_allocating(struct held_cache *c)
{
	spin_lock(&held_hash_lock);
	held_alloc_then_wait(c);
	spin_unlock(&held_hash_lock);
}

/* One that takes another lock only after it has dropped its caller's orders nothing after that lock. */
static void held_relock_other(struct held_cache *c)
{
	spin_unlock(&held_hash_lock);
	mutex_lock(&c->big);
	c->items++;
	mutex_unlock(&c->big);
	spin_lock(&held_hash_lock);
}

void held_lookup_relocking(struct held_cache *c)
{
	spin_lock(&held_hash_lock);
	held_relock_other(c);
	spin_unlock(&held_hash_lock);
}

/* Takes one lock and returns when both are the same (lock_rename): what follows the if is not held on that path. */
struct held_twins { struct mutex one; struct mutex two; };

void held_lock_twins(struct held_twins *t, int same)
{
	if (same) {
		mutex_lock(&t->one);
		return;
	}
	mutex_lock(&t->two);
	mutex_lock(&t->one);
}

/* A reader of a table under an rwlock: waits on nothing, whatever a configuration's read_unlock reaches. */
#include <linux/rwlock_rt.h>

struct held_table { rwlock_t lock; int size; };

int held_table_size(struct held_table *t)
{
	int size;

	read_lock(&t->lock);
	size = t->size;
	read_unlock(&t->lock);
	return size;
}

/* A page lock waits as its body does, for the IO that holds the page. */
struct folio { unsigned long flags; };
int folio_trylock(struct folio *folio);
void __folio_lock(struct folio *folio);
void folio_unlock(struct folio *folio);

static inline void folio_lock(struct folio *folio)
{
	if (!folio_trylock(folio))
		__folio_lock(folio);
}

void held_touch_folio(struct folio *folio)
{
	folio_lock(folio);
	folio->flags++;
	folio_unlock(folio);
}

/* Flags tested for sleeping: where they may not sleep, an allocation with them does not wait. */
int gfpflags_allow_blocking(unsigned int gfp);

static void *held_alloc_node(unsigned int gfp)
{
	io_schedule();
	return 0;
}

void *held_alloc_any(unsigned int gfp)
{
	return held_alloc_node(gfp);
}

void *held_alloc_quietly(unsigned int gfp)
{
	if (!gfpflags_allow_blocking(gfp))
		return held_alloc_node(gfp);
	return 0;
}

/* An embedded lock dropped by its own struct's function (__xas_nomem drops a struct xarray's
 * xa_lock, which an address space's i_pages.xa_lock is): it allocates holding the lock only
 * where the flags may not sleep. */
struct held_xa { spinlock_t xa_lock; void *spare; };
struct held_mapping { struct held_xa pages; };

static void held_xa_nomem(struct held_xa *xa, unsigned int gfp)
{
	if (gfpflags_allow_blocking(gfp)) {
		spin_unlock(&xa->xa_lock);
		xa->spare = held_alloc_node(gfp);
		spin_lock(&xa->xa_lock);
	} else {
		xa->spare = held_alloc_node(gfp);
	}
}

void held_xa_store(struct held_mapping *m, unsigned int gfp)
{
	spin_lock(&m->pages.xa_lock);
	held_xa_nomem(&m->pages, gfp);
	spin_unlock(&m->pages.xa_lock);
}

/* A notifier chain calls whatever any code registered on it: no callback by name. */
struct notifier_block { int (*notifier_call)(struct notifier_block *nb, unsigned long action, void *data); };

static int held_block_removed(struct notifier_block *nb, unsigned long action, void *data)
{
	io_schedule();
	return 0;
}

static struct notifier_block held_block_notifier = {
	.notifier_call = held_block_removed,
};

int held_call_chain(struct notifier_block *nb, unsigned long action)
{
	return nb->notifier_call(nb, action, 0);
}
