package dev.lockxref.indexer;

/**
 * What a lock expression resolved to.
 *
 * @param identity the canonical identity ({@code struct super_block.s_vfs_rename_mutex},
 *     {@code global inode_hash_lock (fs/inode.c)}, {@code unresolved *lockp})
 * @param resolvedBy how: local, parameter, global, member, accessor NAME, container_of, cast, ...
 * @param parameter the index of the function parameter the lock comes from when the expression is
 *     that parameter itself (a lock pointer passed in), else -1: callers then decide the identity
 */
public record Resolution(String identity, String resolvedBy, int parameter) {
  public static Resolution unresolved(String expr) {
    return new Resolution("unresolved " + expr, "unresolved", -1);
  }

  public boolean resolved() {
    return !identity.startsWith("unresolved ");
  }
}
