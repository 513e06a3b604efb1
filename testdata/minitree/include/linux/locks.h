/* Lock types and primitives as the tree declares them (bodies are not what is tested). */
struct mutex { int owner; };
struct rw_semaphore { long count; };
typedef struct spinlock { int raw; } spinlock_t;

void mutex_lock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#define DEFINE_GUARD(name, type, lock, unlock) struct guard_##name { type t; }
#define DEFINE_LOCK_GUARD_0(name, lock, unlock) struct guard_##name { int none; }
DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
DEFINE_LOCK_GUARD_0(rcu, rcu_read_lock(), rcu_read_unlock())
