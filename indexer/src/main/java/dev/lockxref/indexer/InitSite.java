package dev.lockxref.indexer;

/**
 * Where a lock is initialised or defined, which is what lockdep names its class after.
 *
 * @param file path relative to the tree
 * @param line the line
 * @param function the function, or null at file scope
 * @param how mutex_init, init_rwsem, spin_lock_init, DEFINE_MUTEX, ...
 * @param lockdepName the class name lockdep would print: the init argument as written
 *     ({@code &ei->i_data_sem}) or the defined variable's name
 * @param identity the lock identity
 */
public record InitSite(String file, int line, String function, String how, String lockdepName, String identity) {}
