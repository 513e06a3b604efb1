/* A lock accessor (the scheduler's rq_lockp): a call of it is the lock it returns. */
#include <linux/locks.h>

struct mini_rq { spinlock_t __lock; struct mini_rq *core; int nr; };

static inline spinlock_t *mini_rq_lockp(struct mini_rq *rq)
{
	if (rq->nr)
		return &rq->core->__lock;
	return &rq->__lock;
}

#define mini_rq_lockp_macro(rq) (&(rq)->__lock)

void mini_rq_lock(struct mini_rq *rq)
{
	raw_spin_lock(mini_rq_lockp(rq));
}

void mini_rq_unlock(struct mini_rq *rq)
{
	raw_spin_unlock(mini_rq_lockp_macro(rq));
}

void mini_schedule_one(struct mini_rq *rq)
{
	mini_rq_lock(rq);
	rq->nr++;
	mini_rq_unlock(rq);
}

void mini_calls_schedule_one(struct mini_rq *rq)
{
	mini_schedule_one(rq);
}

/* A stale annotation (task_rq_lock's __acquires(rq->lock): the member is __lock now) still names the variable. */
struct mini_rq *mini_task_rq_lock(struct mini_rq *rq)
	__acquires(rq->lock)
{
	for (;;) {
		mini_rq_lock(rq);
		if (rq->nr)
			return rq;
		mini_rq_unlock(rq);
	}
}

void mini_task_work(struct mini_rq *rq)
{
	mini_task_rq_lock(rq);
	rq->nr--;
	mini_rq_unlock(rq);
}

void mini_calls_task_work(struct mini_rq *rq)
{
	mini_task_work(rq);
}

/* Members of an unnamed struct inside another are the enclosing one's (struct mm_struct's mmap_lock). */
struct mini_mm {
	struct {
		int users;
		struct rw_semaphore mmap_lock;
	};
	struct {
		spinlock_t lock;
	} stats;
};

void mini_mmap_read_lock(struct mini_mm *mm)
{
	down_read(&mm->mmap_lock);
}

/* What the configuration's read_unlock reaches: a wait for another task. */
struct mini_completion { int done; };
void wait_for_completion(struct mini_completion *x);
static struct mini_completion mini_migrated;

void mini_rt_migrate_enable(void)
{
	wait_for_completion(&mini_migrated);
}
