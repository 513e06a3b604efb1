package dev.lockxref.stack;

/**
 * What a task is doing.
 *
 * @param id a stable identifier: mutex, rwsem-write, disk-io, idle-kthread, running, ...
 * @param description what a person reads: "waiting for a mutex"
 * @param evidence the frame that told it, or the state when no frame did
 */
public record Activity(String id, String description, String evidence) {
  /** True for the activities that mean "blocked on a sleeping lock". */
  public boolean isLockWait() {
    return switch (id) {
      case "mutex", "rwsem-write", "rwsem-read", "percpu-rwsem", "semaphore", "spinlock" -> true;
      default -> false;
    };
  }
}
