package dev.lockxref.stack;

import dev.lockxref.DataFile;
import dev.lockxref.capture.Frame;
import java.util.HashMap;
import java.util.Map;

/**
 * Normalises frame names so that the same code compares equal across kernels and builds: compiler
 * suffixes go ({@code .isra.0}, {@code .constprop.0}), and aliases from {@code frame-aliases.txt}
 * map debug and old names to today's ({@code mutex_lock_nested} → {@code mutex_lock}).
 */
public final class FrameNames {
  private final Map<String, String> aliases = new HashMap<>();

  public FrameNames() {
    for (String line : DataFile.lines(FrameNames.class, "frame-aliases.txt")) {
      String[] parts = line.trim().split("\\s+");
      aliases.put(parts[0], parts[1]);
    }
  }

  public String normalise(Frame f) {
    return normalise(f.function());
  }

  public String normalise(String function) {
    int dot = function.indexOf('.');
    String base = dot > 0 ? function.substring(0, dot) : function;
    return aliases.getOrDefault(base, base);
  }
}
