package dev.lockxref.capture;

/**
 * What the kernel itself said a hung task is blocked on (newer kernels' hung-task reports):
 * "blocked on a mutex likely owned by task NAME:PID", or "... but the owner is not found".
 *
 * @param kind mutex, semaphore or rw-semaphore, as the kernel names it
 * @param ownerComm the likely owner's name, or null when the kernel found none
 * @param ownerPid the likely owner's pid, or -1
 * @param text the line as the kernel printed it
 */
public record Blocker(String kind, String ownerComm, int ownerPid, String text) {}
