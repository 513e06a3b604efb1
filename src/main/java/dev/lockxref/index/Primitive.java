package dev.lockxref.index;

/**
 * A lock primitive of the kernel.
 *
 * @param name the function or macro, e.g. {@code mutex_lock_nested}
 * @param kind mutex, rwsem, spinlock, rwlock, semaphore, seqlock, percpu-rwsem, page-lock, buffer-lock, bkl
 * @param operation acquire, try, release or downgrade
 * @param mode exclusive or shared
 * @param lockArgument which argument is the lock (0-based)
 */
public record Primitive(String name, String kind, String operation, String mode, int lockArgument) {
  public boolean acquires() {
    return operation.equals("acquire") || operation.equals("try");
  }

  public boolean releases() {
    return operation.equals("release");
  }
}
