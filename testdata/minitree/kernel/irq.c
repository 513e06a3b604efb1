/* An interrupt chip's callbacks run under the descriptor's spinlock: one that would sleep (a slow
 * bus's chip) is still no wait of the code that calls through the chip. */
#include <linux/locks.h>

struct irq_chip { void (*irq_mask)(int irq); };
struct mini_irq_desc { spinlock_t lock; struct irq_chip *chip; int irq; };

static struct mutex mini_bus_lock;

static void mini_slow_mask(int irq)
{
	mutex_lock(&mini_bus_lock);
	mutex_unlock(&mini_bus_lock);
}

static struct irq_chip mini_slow_chip = {
	.irq_mask = mini_slow_mask,
};

void mini_mask_irq(struct mini_irq_desc *desc)
{
	spin_lock(&desc->lock);
	desc->chip->irq_mask(desc->irq);
	spin_unlock(&desc->lock);
}
