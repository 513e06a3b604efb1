package dev.lockxref.join;

/**
 * The lock a row of a contention profile names, as the index knows it.
 *
 * @param capture the capture's position in the analysis
 * @param row the row's position in that capture's profile
 * @param identity the lock's identity
 * @param file where the row's caller takes it, or null when the row names the lock itself (lock_stat)
 * @param line that site's line, or 0
 * @param function the function of that site, or null
 * @param primitive the primitive or wrapper called there ({@code inode_lock}), or null
 * @param expression the lock argument as written there, or null
 * @param confidence certain, likely or possible
 * @param why how the lock was found
 */
public record ProfileLock(int capture, int row, String identity, String file, int line, String function, String primitive,
    String expression, String confidence, String why) {}
