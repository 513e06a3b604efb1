/* A lock primitive as another configuration defines it (PREEMPT_RT's rwlock_rt.h): a function
 * whose body reaches a wait, where the usual build's read_unlock is a macro that never waits. */
typedef struct { int raw; } rwlock_t;

void read_lock(rwlock_t *lock);
void mini_rt_migrate_enable(void);

static inline void read_unlock(rwlock_t *rwlock)
{
	mini_rt_migrate_enable();
}
