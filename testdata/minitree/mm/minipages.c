/* A macro of one lock operation on its parameter (xa_lock_irq): a call of it is that operation. */
#include <linux/locks.h>

struct mini_xarray { spinlock_t xa_lock; void *head; };
struct mini_mapping { struct mini_xarray i_pages; int nrpages; };

#define mini_xa_lock_irq(xa)	spin_lock_irq(&(xa)->xa_lock)
#define mini_xa_unlock_irq(xa)	spin_unlock_irq(&(xa)->xa_lock)

void mini_delete_page(struct mini_mapping *mapping)
{
	mini_xa_lock_irq(&mapping->i_pages);
	mapping->nrpages--;
	mini_xa_unlock_irq(&mapping->i_pages);
}

/* A macro of such a macro (xas_lock_irq(xas) is xa_lock_irq((xas)->xa)). */
struct mini_xa_state { struct mini_xarray *xa; unsigned long index; };

#define mini_xas_lock_irq(xas)		mini_xa_lock_irq((xas)->xa)
#define mini_xas_unlock_irq(xas)	mini_xa_unlock_irq((xas)->xa)

void mini_store_page(struct mini_xa_state *xas)
{
	mini_xas_lock_irq(xas);
	xas->index++;
	mini_xas_unlock_irq(xas);
}

/* Freeing a page unmaps it for the page allocator's debugging, whose body may split a large
 * mapping with a sleeping allocation: a path made never to sleep, since pages are freed under
 * locks everywhere (never-waits in blocking.txt). */
#define GFP_KERNEL 0x1u

void *alloc_pages(unsigned int gfp, unsigned int order);
void io_schedule(void);

void *alloc_pages(unsigned int gfp, unsigned int order)
{
	io_schedule();
	return 0;
}

static inline void debug_pagealloc_unmap_pages(void *page, int numpages)
{
	alloc_pages(GFP_KERNEL, 0);
}

void mini_free_page(void *page)
{
	debug_pagealloc_unmap_pages(page, 1);
}

struct mini_lruvec { spinlock_t lru_lock; int nr; };

void mini_release_page(struct mini_lruvec *lruvec, void *page)
{
	spin_lock(&lruvec->lru_lock);
	lruvec->nr--;
	mini_free_page(page);
	spin_unlock(&lruvec->lru_lock);
}

/* The page allocator: what its slow path waits on (writeback in reclaim) is waiting for memory. */
#define GFP_ATOMIC 0x2u

void *__alloc_pages(unsigned int gfp, unsigned int order)
{
	io_schedule();
	return 0;
}

void *mini_get_page(unsigned int gfp)
{
	return __alloc_pages(gfp, 0);
}

void *mini_get_page_atomic(void)
{
	return __alloc_pages(GFP_ATOMIC, 0);
}
