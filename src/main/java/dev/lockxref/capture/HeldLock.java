package dev.lockxref.capture;

/**
 * One entry of lockdep's held-locks list: task comm/pid holds (or is acquiring) lock class
 * {@code lockClass} at address {@code address}, taken at {@code at}.
 *
 * @param comm the holder's name
 * @param pid the holder's pid
 * @param index the entry's position in the task's list (#0, #1, ...)
 * @param address the lock's address as printed, or null
 * @param lockClass the lockdep class name, e.g. {@code &type->i_mutex_dir_key#3}
 * @param at where it was taken: a frame ({@code lock_rename+0x2b/0x60}), possibly with file:line
 */
public record HeldLock(String comm, int pid, int index, String address, String lockClass, Frame at) {}
