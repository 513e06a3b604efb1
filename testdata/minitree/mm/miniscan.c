/* Two spinlocks in one function, taken by different primitives: a profile's stack tells them apart. */
#include <linux/locks.h>

struct mini_mapping {
	spinlock_t tree_lock;
	spinlock_t host_lock;
};

void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);

int mini_remove_mapping(struct mini_mapping *m)
{
	spin_lock_irq(&m->tree_lock);
	spin_unlock_irq(&m->tree_lock);
	spin_lock(&m->host_lock);
	spin_unlock(&m->host_lock);
	return 1;
}
