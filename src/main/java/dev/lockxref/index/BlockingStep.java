package dev.lockxref.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The first step of a function's shortest chain down to a waiting primitive, for one kind of
 * waiting; a function document stores one per kind it may wait on.
 *
 * @param kind the kind of waiting (blocking.txt)
 * @param distance how many calls down the primitive is
 * @param line the line of the call that is this step
 * @param callee the function called there (the chain goes on in it), or null when the call is the primitive
 * @param calleeFile where that function is defined
 * @param evidence the waiting call itself when callee is null ({@code io_schedule()}); else the
 *     member called through ({@code ->create}) for a call through an ops table, or null
 */
public record BlockingStep(String kind, int distance, int line, String callee, String calleeFile, String evidence) {
  public String encode() {
    return kind + "\t" + distance + "\t" + line + "\t" + (callee == null ? "" : callee) + "\t"
        + (calleeFile == null ? "" : calleeFile) + "\t" + (evidence == null ? "" : evidence);
  }

  public static String encodeAll(List<BlockingStep> steps) {
    StringBuilder sb = new StringBuilder();
    for (BlockingStep s : steps) {
      sb.append(sb.length() == 0 ? "" : "\n").append(s.encode());
    }
    return sb.toString();
  }

  public static List<BlockingStep> decodeAll(String text) {
    List<BlockingStep> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] f = line.split("\t", -1);
      out.add(new BlockingStep(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3].isEmpty() ? null : f[3],
          f[4].isEmpty() ? null : f[4], f[5].isEmpty() ? null : f[5]));
    }
    return out;
  }
}
