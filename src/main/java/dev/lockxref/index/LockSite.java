package dev.lockxref.index;

/**
 * A lock operation in the source.
 *
 * @param file path relative to the tree
 * @param line the line of the call
 * @param function the function it is in
 * @param primitive what is called: a primitive, {@code guard(mutex)}, or an acquire wrapper
 * @param kind mutex, rwsem, spinlock, ...
 * @param operation acquire, try, release, downgrade
 * @param mode exclusive or shared
 * @param expression the lock argument as written
 * @param identity the lock identity
 * @param resolvedBy how the identity was found
 * @param via the wrapper this site goes through ({@code inode_lock}), or null for a direct call
 */
public record LockSite(
    String file,
    int line,
    String function,
    String primitive,
    String kind,
    String operation,
    String mode,
    String expression,
    String identity,
    String resolvedBy,
    String via) {
  /** A guard() or scoped_guard(): the lock is released where its scope ends, without a call. */
  public boolean releasedByScope() {
    return primitive.startsWith("guard(") || primitive.startsWith("scoped_guard(");
  }
}
