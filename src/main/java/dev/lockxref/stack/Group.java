package dev.lockxref.stack;

import java.util.List;
import java.util.Map;

/**
 * Tasks whose simplified stacks are the same.
 *
 * @param id a stable short id for the group (hash of its key)
 * @param count how many tasks, over all captures
 * @param perCapture how many in each capture, by capture index
 * @param states how many in each state
 * @param activity what they are doing
 * @param stack the simplified stack they share
 * @param example the full stack of one of them, innermost first, as printed
 * @param pids some of their pids (up to 20), in input order
 * @param comms the task names met, most common first, up to 5
 */
public record Group(
    String id,
    long count,
    List<Long> perCapture,
    Map<String, Long> states,
    Activity activity,
    SimplifiedStack stack,
    List<String> example,
    List<Integer> pids,
    List<String> comms) {

  /** True when every task of the group is in D state (or the group is a D pile-up with others). */
  public boolean blocked() {
    return states.getOrDefault("D", 0L) > 0;
  }

  /** "3 D, 1 S" style breakdown. */
  public String stateText() {
    StringBuilder sb = new StringBuilder();
    states.forEach((s, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(s));
    return sb.toString();
  }
}
