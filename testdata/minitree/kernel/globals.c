/* Global locks reached by name: in macros, in annotations, through release helpers three deep. */
#include <linux/locks.h>

struct semaphore { int count; };
void down(struct semaphore *sem);
void up(struct semaphore *sem);
void schedule(void);
int mini_busy(void);
void mini_touch(void);
void mini_wait_refs(void);
void mini_trace_print(const char *fmt, ...);

/* A macro that takes a global (printk's down_console_sem) makes its caller an acquire wrapper. */
static struct semaphore mini_console_sem;

#define down_mini_console() do {	\
	down(&mini_console_sem);	\
} while (0)

#define up_mini_console() up(&mini_console_sem)

void mini_console_lock(void)
{
	down_mini_console();
}

void mini_console_unlock(void)
{
	up_mini_console();
}

/* One that takes and drops it around a call split over lines (##__VA_ARGS__ starts a line) is balanced. */
static DEFINE_SPINLOCK(mini_trace_lock);

#define MINI_TRACE(fmt, ...)				\
	do {						\
		spin_lock(&mini_trace_lock);		\
		mini_trace_print(fmt,			\
				 ##__VA_ARGS__);	\
		spin_unlock(&mini_trace_lock);		\
	} while (0)

void mini_traced(int n)
{
	MINI_TRACE("%d", n);
}

/* rtnl_unlock -> netdev_run_todo -> __rtnl_unlock -> mutex_unlock: a release three wrappers deep. */
static DEFINE_MUTEX(mini_rtnl_mutex);

void mini_rtnl_lock(void)
{
	mutex_lock(&mini_rtnl_mutex);
}

void __mini_rtnl_unlock(void)
{
	mutex_unlock(&mini_rtnl_mutex);
}

void mini_run_todo(void)
{
	__mini_rtnl_unlock();
	mini_wait_refs();
}

void mini_rtnl_unlock(void)
{
	mini_run_todo();
}

void mini_change_link(void)
{
	mini_rtnl_lock();
	mini_touch();
	mini_rtnl_unlock();
}

void mini_calls_change_link(void)
{
	mini_change_link();
}

/* An annotation that names a global without '&' (netlink_table_grab): the body alone looks balanced. */
static DEFINE_SPINLOCK(mini_table_lock);

void mini_table_grab(void)
	__acquires(mini_table_lock)
{
	spin_lock(&mini_table_lock);
	while (mini_busy()) {
		spin_unlock(&mini_table_lock);
		schedule();
		spin_lock(&mini_table_lock);
	}
}

void mini_table_ungrab(void)
	__releases(mini_table_lock)
{
	spin_unlock(&mini_table_lock);
}

void mini_table_change(void)
{
	mini_table_grab();
	mini_touch();
	mini_table_ungrab();
}

void mini_calls_table_change(void)
{
	mini_table_change();
}
