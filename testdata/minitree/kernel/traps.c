/* Paths the may-block search must not follow: a clock event device programmed with interrupts off,
 * the oops path of a fatal error, and a copy from user memory made not to fault. */
#include <linux/locks.h>

struct clock_event_device { int (*set_next_event)(unsigned long evt, struct clock_event_device *dev); };
struct mini_tick { spinlock_t lock; struct clock_event_device *dev; };

static struct mutex mini_timer_bus_lock;

/* a clock on a slow bus: its driver sleeps where the tick code cannot */
static int mini_bus_timer_next(unsigned long evt, struct clock_event_device *dev)
{
	mutex_lock(&mini_timer_bus_lock);
	mutex_unlock(&mini_timer_bus_lock);
	return 0;
}

static struct clock_event_device mini_bus_timer = {
	.set_next_event = mini_bus_timer_next,
};

int mini_program_event(struct mini_tick *tick, unsigned long evt)
{
	int ret;

	spin_lock(&tick->lock);
	ret = tick->dev->set_next_event(evt, tick->dev);
	spin_unlock(&tick->lock);
	return ret;
}

static struct mutex mini_console_lock;

void bust_spinlocks(int yes)
{
	mutex_lock(&mini_console_lock);
	mutex_unlock(&mini_console_lock);
}

void die(const char *str, int err)
{
	bust_spinlocks(1);
}

int mini_check_trap(int err)
{
	if (err)
		die("mini trap", err);
	return 0;
}

long strncpy_from_user(char *dst, const char *src, long count);

long strncpy_from_user_nofault(char *dst, const char *src, long count)
{
	return strncpy_from_user(dst, src, count);
}

int mini_filter_string(char *buf, const char *user_str)
{
	return strncpy_from_user_nofault(buf, user_str, 64) > 0;
}

int mini_read_string(char *buf, const char *user_str)
{
	return strncpy_from_user(buf, user_str, 64) > 0;
}
