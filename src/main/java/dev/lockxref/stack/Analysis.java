package dev.lockxref.stack;

import dev.lockxref.capture.Capture;
import java.util.List;

/**
 * What the captures show: every task with its simplified stack and activity, the groups of
 * identical stacks (hot ones first), and the tasks stuck in one place across captures.
 */
public record Analysis(List<Capture> captures, List<TaskView> tasks, List<Group> groups, List<Stuck> stuck) {
  public Analysis {
    captures = List.copyOf(captures);
    tasks = List.copyOf(tasks);
    groups = List.copyOf(groups);
    stuck = List.copyOf(stuck);
  }

  /**
   * A task found at the same wait site in every capture.
   *
   * @param pid its pid
   * @param comm its name
   * @param groupId the group of its stack
   * @param waitSite where it waits
   * @param captures in how many captures it was seen
   */
  public record Stuck(int pid, String comm, String groupId, String waitSite, int captures) {}

  /** The kernel release the first capture that states one gives, or null. */
  public String kernelRelease() {
    return captures.stream().map(Capture::kernelRelease).filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  public long taskCount() {
    return tasks.size();
  }
}
