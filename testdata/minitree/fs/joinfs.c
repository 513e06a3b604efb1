/* A holder's chain for the join: through a static function whose name another file uses too,
 * down to an IO wait. */
#include <linux/locks.h>

void io_schedule(void);

static DEFINE_MUTEX(join_table_mutex);

static void join_wait_io(void)
{
	io_schedule();
}

static void join_start(void)
{
	join_wait_io();
}

void join_update_table(void)
{
	mutex_lock(&join_table_mutex);
	join_start();
	mutex_unlock(&join_table_mutex);
}
