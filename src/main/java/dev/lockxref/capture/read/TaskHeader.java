package dev.lockxref.capture.read;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line that starts a task's stack, in one of the shapes dumps use, with what it says of the task.
 *
 * @param format the capture format it belongs to (sysrq, hung-task, crash, proc-stack, ...)
 * @param pid the task's pid
 * @param comm the task's name, or null when the line does not give it
 * @param state one-letter state, or null
 * @param cpu the CPU, or -1
 * @param wchan the wait channel, or null
 * @param inlineFrame the rest of the line when it also carries the first frame
 *     ({@code /proc/12/stack:[<0>] ...}), else null
 */
public record TaskHeader(
    String format, int pid, String comm, String state, int cpu, String wchan, String inlineFrame) {

  /** A header shape; HINT is a piece of text every line of the shape contains, checked first. */
  private record Shape(String hint, Pattern pattern, Function<Matcher, TaskHeader> read) {}

  private static final List<Shape> SHAPES = List.of(
      // 5.9+ sysrq and hung-task: task:NAME state:D stack:0 pid:123 (tgid:..) ppid:.. flags:..
      shape("task:", "^\\s*task:(?<comm>.+?)\\s+state:(?<state>\\S)(?:\\s+running task)?\\s+stack:\\s*\\d+\\s+pid:\\s*(?<pid>\\d+)\\b.*$",
          m -> new TaskHeader("sysrq", pid(m), m.group("comm").strip(), m.group("state"), -1, null, null)),
      // hung-task report: INFO: task NAME:PID blocked for more than N seconds. (syzbot: can't die)
      shape("INFO: task", "^\\s*INFO: task (?<comm>.+):(?<pid>\\d+) (?:blocked|can't die) for more than \\d+ seconds\\.?\\s*$",
          m -> new TaskHeader("hung-task", pid(m), m.group("comm"), "D", -1, null, null)),
      // crash: PID: 61234  TASK: ffff89e7bc6c1ec0  CPU: 39  COMMAND: "java"
      shape("COMMAND:", "^\\s*PID:\\s*(?<pid>\\d+)\\s+TASK:\\s*[0-9a-f]+\\s+CPU:\\s*(?<cpu>\\d+)\\s+COMMAND:\\s*\"(?<comm>.*)\".*$",
          m -> new TaskHeader("crash", pid(m), m.group("comm"), null, Integer.parseInt(m.group("cpu")), null, null)),
      // grep -H . /proc/*/stack
      shape("/stack:", "^/proc/(?<pid>\\d+)/(?:task/\\d+/)?stack:(?<frame>.*)$",
          m -> new TaskHeader("proc-stack", pid(m), null, null, -1, null, m.group("frame"))),
      // head /proc/*/stack
      shape("==> /proc/", "^==> /proc/(?<pid>\\d+)/(?:task/\\d+/)?stack <==\\s*$",
          m -> new TaskHeader("proc-stack", pid(m), null, null, -1, null, null)),
      // a per-task header as lockxref collect writes it: 123 (comm) D wchan=func
      shape(" wchan=", "^(?<pid>\\d+) \\((?<comm>.*)\\) (?<state>[A-Za-z]) wchan=(?<wchan>\\S*)\\s*$",
          m -> new TaskHeader("proc-stack", pid(m), m.group("comm"), m.group("state"), -1, blankToNull(m.group("wchan")), null)),
      // a shell echo of the command that printed the stack: "# cat /proc/123/stack"
      shape("cat /proc/", "^.*[#$]\\s*cat /proc/(?<pid>\\d+)/(?:task/\\d+/)?stack\\s*$",
          m -> new TaskHeader("proc-stack", pid(m), null, null, -1, null, null)),
      // a label before a stack: "/proc/123  comm" or "/proc/123/stack comm"
      shape("/proc/", "^/proc/(?<pid>\\d+)(?:/stack)?\\s+(?<comm>\\S.*?)\\s*$",
          m -> new TaskHeader("proc-stack", pid(m), m.group("comm"), null, -1, null, null)),
      // pre-5.9 sysrq: NAME  D ffffffff80e1db78     0   170      2 0x00100000  (address optional)
      shape(" 0x", "^\\s*(?<comm>\\S.{0,40}?)\\s+(?<state>[RSDTtZXIPWK])\\s+(?:[0-9a-f]{8,16}\\s+)?\\d+\\s+(?<pid>\\d+)\\s+\\d+\\s+0x[0-9a-f]+\\s*$",
          m -> new TaskHeader("sysrq", pid(m), m.group("comm").strip(), m.group("state"), -1, null, null)),
      // 2.6.18: NAME  D ffff810002536420     0  1783     11          1786  1705 (L-TLB)
      shape("TLB)", "^\\s*(?<comm>\\S.{0,40}?)\\s+(?<state>[RSDTtZXIPWK])\\s+[0-9a-f]{8,16}\\s+\\d+\\s+(?<pid>\\d+)\\s+\\d+(?:\\s+\\d*){0,3}\\s*\\((?:L-TLB|NOTLB)\\)\\s*$",
          m -> new TaskHeader("sysrq", pid(m), m.group("comm").strip(), m.group("state"), -1, null, null)));

  private static Shape shape(String hint, String regex, Function<Matcher, TaskHeader> read) {
    return new Shape(hint, Pattern.compile(regex), read);
  }

  /** The header on this line, or null when the line does not start a task. */
  public static TaskHeader parse(String text) {
    for (Shape s : SHAPES) {
      if (!text.contains(s.hint())) {
        continue;
      }
      Matcher m = s.pattern().matcher(text);
      if (m.matches()) {
        return s.read().apply(m);
      }
    }
    return null;
  }

  private static int pid(Matcher m) {
    String p = m.group("pid");
    return p.length() > 9 ? -1 : Integer.parseInt(p);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() || s.equals("0") ? null : s;
  }
}
