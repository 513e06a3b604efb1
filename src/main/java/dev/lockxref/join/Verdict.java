package dev.lockxref.join;

import dev.lockxref.index.BlockingChains;
import java.util.List;

/**
 * What the join says about one contended lock: which lock, where it is taken, who waits, what else
 * takes it, who holds it and what the holder waits on, what may block while it is held.
 *
 * @param identity the lock identity
 * @param kind mutex, rwsem, ...
 * @param sites the acquire sites the waiters wait at, most likely first
 * @param waiters who waits for it
 * @param otherTakers the other functions that take it, and how many tasks of the capture are in them now
 * @param holders the holder candidates, most likely first
 * @param blockingWhileHeld calls that may block while the lock is held at the waiters' and holders' sites
 * @param notes what the reader should know about how sure this is
 */
public record Verdict(String identity, String kind, List<AcquireSite> sites, Waiters waiters, List<OtherTaker> otherTakers,
    List<Holder> holders, List<BlockingWhileHeld> blockingWhileHeld, List<String> notes) {

  /**
   * An acquire site the waiters wait at.
   *
   * @param confidence how sure: "certain" (one site fits), "likely" (ranked first of several), "possible"
   * @param why how it was chosen
   * @param source the source line, when the indexed tree is on this machine
   */
  public record AcquireSite(String file, int line, String function, String primitive, String expression, String confidence,
      String why, String source, long waiters) {}

  /**
   * The tasks waiting for the lock.
   *
   * @param total task entries over all captures (a task seen in three captures counts three times)
   * @param distinct distinct tasks over all captures
   * @param perCapture how many in each capture, in capture order
   * @param pids some of their pids
   * @param groups the ids of the groups of waiters
   * @param waitSites the frames they wait in
   */
  public record Waiters(long total, long distinct, List<Long> perCapture, List<Integer> pids, List<String> groups, List<String> waitSites) {}

  /**
   * Another function that takes the lock.
   *
   * @param lines the lines of its acquire sites
   * @param tasksNow how many tasks of the capture have it on their stack
   */
  public record OtherTaker(String function, String file, List<Integer> lines, long tasksNow) {}

  /**
   * A holder candidate.
   *
   * @param rank 1 for the most likely
   * @param source "kernel" when the capture says so (lockdep's held locks, a blocker line), "inferred" from the stacks
   * @param state its scheduler state
   * @param captures in how many captures it holds there
   * @param heldIn the frame whose held region it is in, and the call it made from there
   * @param mode the mode of that region's acquire (exclusive, shared), or null when the kernel said so without a region
   * @param capture the capture (index) the evidence shown comes from
   * @param activity what it is doing, in words
   * @param activityId the activity's id (disk-io, mutex, ...)
   * @param waitsFor the lock it waits for itself, when it is a waiter of another contended lock
   * @param chain the calls from the held region down to what it waits on, with file:line from the index
   * @param why the evidence
   */
  public record Holder(int pid, String comm, int rank, String source, String state, int captures, String heldIn,
      String mode, int capture, String activity, String activityId, String waitsFor, List<BlockingChains.Step> chain, String why) {}

  /** A call made while the lock is held at SITE that may block, of KIND. */
  public record BlockingWhileHeld(String site, String callee, int line, String kind, String describe, int distance) {}
}
