package dev.lockxref.stack;

import dev.lockxref.DataFile;
import dev.lockxref.capture.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Tells what a task is doing from the rules of {@code activities.txt}, then from its state. */
public final class Classifier {
  private static final int DEPTH = 24;

  private record Rule(String id, String description, FramePatterns frames) {}

  private final List<Rule> rules = new ArrayList<>();
  private final Simplifier simplifier;
  private final java.util.Map<String, Integer> ruleOf = new java.util.concurrent.ConcurrentHashMap<>();

  public Classifier(Simplifier simplifier) {
    this.simplifier = simplifier;
    for (String line : DataFile.lines(Classifier.class, "activities.txt")) {
      String[] parts = line.split("\\|");
      if (parts.length != 3) {
        throw new IllegalStateException("activities.txt: bad rule: " + line);
      }
      rules.add(new Rule(parts[0].trim(), parts[1].trim(), new FramePatterns(Arrays.asList(parts[2].trim().split("\\s+")))));
    }
  }

  public Activity classify(Task task) {
    List<String> frames = simplifier.normalised(task.frames());
    int best = rules.size();
    String evidence = null;
    for (int i = 0; i < Math.min(DEPTH, frames.size()); i++) {
      int rule = firstRule(frames.get(i));
      if (rule < best) {
        best = rule;
        evidence = frames.get(i);
      }
    }
    if (best < rules.size()) {
      Rule r = rules.get(best);
      return new Activity(r.id(), r.description(), evidence);
    }
    if (task.wchan() != null) {
      for (Rule r : rules) {
        if (r.frames().matches(task.wchan())) {
          return new Activity(r.id(), r.description(), "wchan " + task.wchan());
        }
      }
    }
    return byState(task.state());
  }

  /** The first rule that names this function, or rules.size(); remembered, names repeat a lot. */
  private int firstRule(String function) {
    return ruleOf.computeIfAbsent(function, f -> {
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).frames().matches(f)) {
          return i;
        }
      }
      return rules.size();
    });
  }

  private static Activity byState(String state) {
    return switch (state) {
      case "R" -> new Activity("running", "running or runnable", "state R");
      case "D" -> new Activity("blocked", "blocked (uninterruptible), no wait frame in the stack", "state D");
      case "I" -> new Activity("idle-kthread", "idle kernel thread", "state I");
      case "S" -> new Activity("sleeping", "sleeping (interruptible)", "state S");
      case "T", "t" -> new Activity("stopped", "stopped or traced", "state " + state);
      case "Z", "X" -> new Activity("exiting", "exiting", "state " + state);
      default -> new Activity("unknown", "unknown", "no state, no telling frame");
    };
  }
}
