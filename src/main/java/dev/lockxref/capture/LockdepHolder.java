package dev.lockxref.capture;

/**
 * A task named in lockdep's held-locks lists ("3 locks held by crawl_257_265/6491:"), with the
 * number of locks lockdep says it holds. Lockdep prints no entries for a task that is running,
 * so a count above the entries listed for the task is a fact too: it holds locks no one can see.
 *
 * @param comm the task's name
 * @param pid its pid
 * @param count the locks it holds, as printed ("no locks held" is 0)
 */
public record LockdepHolder(String comm, int pid, int count) {}
