package dev.lockxref.join;

import dev.lockxref.DataFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a task's activity says about locks ({@code activity-locks.txt}). */
public final class ActivityLocks {
  /** The lock a waiting task waits to acquire: its kind and mode ("any" for either). */
  public record LockWait(String kind, String mode) {
    public boolean fits(String siteKind, String siteMode) {
      return kind.equals(siteKind) && (mode.equals("any") || mode.equals(siteMode));
    }
  }

  private final Map<String, LockWait> waitsFor = new HashMap<>();
  private final Map<String, String> blocksAs = new HashMap<>();
  private final Set<String> unnamed = new HashSet<>();
  private final Map<String, LockWait> profileTypes = new HashMap<>();
  /** frame prefix -> the prefixes of the primitives whose body a frame of that prefix is */
  private final Map<String, List<String>> primitiveBodies = new HashMap<>();

  private static final ActivityLocks STANDARD = new ActivityLocks();

  public static ActivityLocks standard() {
    return STANDARD;
  }

  private ActivityLocks() {
    for (String line : DataFile.lines(ActivityLocks.class, "activity-locks.txt")) {
      String[] f = line.trim().split("\\s+");
      switch (f[0]) {
        case "waits-for" -> waitsFor.put(f[1], new LockWait(f[2], f[3]));
        case "blocks-as" -> blocksAs.put(f[1], f[2]);
        case "unnamed" -> unnamed.add(f[1]);
        case "profile-type" -> profileTypes.put(f[1], new LockWait(f[2], f[3]));
        case "primitive-body" -> primitiveBodies.put(f[1],
            java.util.Arrays.stream(f, 2, f.length).map(p -> p.equals("-") ? "" : p).toList());
        default -> throw new IllegalStateException("activity-locks.txt: unknown entry " + line);
      }
    }
  }

  /** The lock a task of ACTIVITY waits to acquire, or null when it is not a lock wait. */
  public LockWait waitsFor(String activity) {
    return waitsFor.get(activity);
  }

  /** The kind of waiting (blocking.txt) of ACTIVITY, or null. */
  public String blocksAs(String activity) {
    return blocksAs.get(activity);
  }

  /** Whether ACTIVITY may be a lock wait the capture cannot name. */
  public boolean mayHideLockWait(String activity) {
    return unnamed.contains(activity);
  }

  /** The lock a perf lock contention row of TYPE contends for in its caller, or null for a type not known. */
  public LockWait profileType(String type) {
    return profileTypes.get(type);
  }

  /**
   * The primitives a stack frame named FRAME is the out-of-line body of ({@code _raw_spin_lock}:
   * spin_lock, raw_spin_lock), empty when it is none.
   */
  public List<String> primitivesBodied(String frame) {
    for (Map.Entry<String, List<String>> e : primitiveBodies.entrySet()) {
      if (frame.startsWith(e.getKey())) {
        String name = frame.substring(e.getKey().length());
        return e.getValue().stream().map(prefix -> prefix + name).toList();
      }
    }
    return List.of();
  }
}
