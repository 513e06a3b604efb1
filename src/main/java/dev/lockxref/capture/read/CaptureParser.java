package dev.lockxref.capture.read;

import dev.lockxref.DataFile;
import dev.lockxref.capture.Capture;
import dev.lockxref.capture.Frame;
import dev.lockxref.capture.HeldLock;
import dev.lockxref.capture.LockdepHolder;
import dev.lockxref.capture.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads kernel stack dumps of every common format from one input, picked line by line by content
 * (a file may mix them: a hung-task report, then lockdep's list, then a sysrq dump), into
 * {@link Capture}s. What it cannot read it counts by reason in {@link Capture#skipped()}.
 */
public final class CaptureParser {
  private static final Pattern ROUND_MARK = Pattern.compile(
      "^\\s*(?:sysrq|SysRq)\\s*: (?:Show State|Show Blocked State)\\s*$|^# lockxref-collect .*$");
  /** Every line that states a release has a version number "N.N" in it. */
  private static final Pattern RELEASE_HINT = Pattern.compile("\\d\\.\\d");
  private static final Pattern COLLECT_TIME = Pattern.compile(" time=(\\S+)");
  private static final Pattern OFFCPU_FRAME = Pattern.compile("^ {4}(?<fn>[^\\s]+|-\\s+.+)\\s*$");
  private static final Pattern OFFCPU_COUNT = Pattern.compile("^ {8}(?<n>\\d+)\\s*$");
  private static final Pattern PS_LINE = Pattern.compile(
      "^\\S+\\s+(?<pid>\\d+)\\s+\\d+\\s+\\d+\\s+\\S+\\s+\\S+\\s+[\\d:.-]+\\s+\\[?(?<cmd>[^\\s\\]]+)\\]?.*$");

  private final LogPrefixes prefixes;
  private final List<Pattern> noise = new ArrayList<>();
  private final List<Pattern> closing = new ArrayList<>();
  private final Map<Pattern, String> sections = new java.util.LinkedHashMap<>();
  private final List<String> sectionHints = new ArrayList<>();
  private final List<Pattern> releases;
  /** crash's foreach state filters (UN) to state letters (D) */
  private final Map<String, String> crashStates = new java.util.HashMap<>();

  public CaptureParser() {
    this.prefixes = LogPrefixes.standard();
    for (String entry : DataFile.lines(CaptureParser.class, "noise-lines.txt")) {
      if (entry.startsWith("section|")) {
        String[] parts = entry.split("\\|", 3);
        sections.put(Pattern.compile(parts[2]), parts[1]);
        sectionHints.add(literalStart(parts[2]));
      } else if (entry.startsWith("close: ")) {
        Pattern p = Pattern.compile(entry.substring(7));
        closing.add(p);
        noise.add(p);
      } else {
        noise.add(Pattern.compile(entry));
      }
    }
    this.releases = DataFile.patterns(CaptureParser.class, "kernel-release.txt");
    for (String entry : DataFile.lines(CaptureParser.class, "crash-states.txt")) {
      String[] parts = entry.trim().split("\\s+");
      crashStates.put(parts[0], parts[1]);
    }
  }

  /** The state letter a crash prompt PROMPT ("foreach UN bt", after "crash>") filters its tasks by, or null. */
  private String crashPromptState(String prompt) {
    String[] words = prompt.trim().split("\\s+");
    if (!words[0].equals("foreach")) {
      return null;
    }
    for (String w : words) {
      String state = crashStates.get(w);
      if (state != null) {
        return state;
      }
    }
    return null;
  }

  /** A "ps -ef" line has a terminal column: "?", "pts/N" or "ttyN". */
  private static boolean looksLikePs(String text) {
    return !text.isEmpty() && text.charAt(0) != ' '
        && (text.contains(" ? ") || text.contains(" pts/") || text.contains(" tty"));
  }

  /** True when the line is MARKER with nothing but spaces around it. */
  private static boolean isMarker(String text, String marker) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    if (!text.startsWith(marker, i)) {
      return false;
    }
    for (int k = i + marker.length(); k < text.length(); k++) {
      if (text.charAt(k) != ' ') {
        return false;
      }
    }
    return true;
  }

  /** "RIP: 0033:0x47b5e1", "R10: 00000000000001b6 R11: ...": register dumps, the commonest noise. */
  private static boolean isRegisterLine(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    int start = i;
    if (i == text.length() || text.charAt(i) < 'A' || text.charAt(i) > 'Z') {
      return false; // most lines: frames, timestamps, headers in lower case
    }
    while (i < text.length() && i - start <= 8 && (text.charAt(i) >= 'A' && text.charAt(i) <= 'Z' || text.charAt(i) >= '0' && text.charAt(i) <= '9')) {
      i++;
    }
    return i - start >= 2 && i < text.length() && text.charAt(i) == ':'
        && !text.startsWith("INFO", start) && !text.startsWith("PID", start) && !text.startsWith("CPU", start);
  }

  /** The literal text a pattern starts with (after "^\\s*"): a cheap test before the regex. */
  private static String literalStart(String regex) {
    String r = regex.replaceFirst("^\\^(\\\\s\\*)?", "");
    int end = 0;
    while (end < r.length() && "\\.*+?()[]{}|^$".indexOf(r.charAt(end)) < 0) {
      end++;
    }
    return r.substring(0, end);
  }

  /** Reads every capture in IN, naming them after SOURCE. Never throws on bad content. */
  public List<Capture> parse(String source, InputStream in) {
    Run run = new Run(source);
    FrameReader frames = new FrameReader();
    LinePipe.run(new LineSource(in, prefixes), frames::readAhead, run::read);
    return run.finish();
  }

  /**
   * Reads the stack frame of lines that look like one, on the reading thread; the same frame lines
   * repeat over thousands of tasks, so it remembers them.
   */
  private static final class FrameReader {
    private static final int KEPT = 500_000;
    private final Map<String, Frame> seen = new HashMap<>();

    Line readAhead(Line line) {
      String text = line.text();
      Frame f = seen.get(text);
      if (f == null && text.contains("+0x")) {
        f = FrameLine.parse(text);
        if (f != null && seen.size() < KEPT) {
          seen.put(text, f);
        }
      }
      return f == null ? line : line.withFrame(f);
    }
  }

  /** The state of one parse. */
  private final class Run {
    private final CaptureBuilder out;
    private final Map<Integer, String> commsFromPs = new HashMap<>();
    private ProfileLine.Table table;
    private LockdepLine.Holder lockdepHolder;
    private final List<String> offcpu = new ArrayList<>();
    private String dumpFormat = "sysrq";
    /** Hung-task reports whose header line has not come yet, by pid. */
    private final Map<Integer, CaptureBuilder.TaskDraft> pendingReports = new HashMap<>();
    private String section;
    /** The state letter of the tasks a "crash> foreach UN bt" prompt asked for, until the next prompt */
    private String crashState;
    private boolean releaseKnown;

    Run(String source) {
      this.out = new CaptureBuilder(source);
    }

    List<Capture> finish() {
      flushOffcpu();
      return out.finish();
    }

    void read(Line line) {
      String text = line.text();
      if (line.cut()) {
        out.skip("line longer than " + LineSource.MAX_LINE + " characters (cut there)", line.number());
      }
      if (line.frame() != null && offcpu.isEmpty() && !text.startsWith("/proc/")) {
        appendFrame(line.frame(), line);
        return;
      }
      if (text.isBlank()) {
        return;
      }
      if (isMarker(text, "</TASK>")) {
        out.endTask();
        return;
      }
      if (isMarker(text, "<TASK>") || isMarker(text, "Call Trace:")) {
        return;
      }
      if (!releaseKnown) {
        noteRelease(text);
      }
      if (text.contains("crash>") && text.strip().startsWith("crash>")) {
        crashState = crashPromptState(text.strip().substring(6));
      }
      if ((text.contains("Show") || text.startsWith("# lockxref")) && ROUND_MARK.matcher(text).matches()) {
        section = null;
        out.newRound();
        dumpFormat = text.contains("Blocked") ? "sysrq-w" : text.startsWith("#") ? "collect" : "sysrq-t";
        Matcher when = COLLECT_TIME.matcher(text);
        out.time(when.find() ? when.group(1) : line.time(prefixes));
        if (text.startsWith("#")) {
          out.format("collect");
        }
        return;
      }
      if (readOffcpu(text, line)) {
        return;
      }
      if (text.contains("+0x") && !text.startsWith("/proc/") && readFrame(text, line)) {
        return;
      }
      if (isRegisterLine(text)) {
        return;
      }
      if (readTaskHeader(text, line)) {
        section = null;
        return;
      }
      if (readSection(text, line)) {
        return;
      }
      if (readLockFacts(text, line)) {
        return;
      }
      if (readFrame(text, line)) {
        return;
      }
      if (readProfile(text, line)) {
        return;
      }
      FoldedLine.Stack folded = FoldedLine.parse(text);
      if (folded != null) {
        out.format("folded");
        CaptureBuilder.TaskDraft t = out.startTask(-1, folded.comm(), "?", -1, line.number());
        t.weight = folded.count();
        t.frames.addAll(folded.frames());
        out.endTask();
        return;
      }
      Matcher ps = looksLikePs(text) ? PS_LINE.matcher(text) : null;
      if (ps != null && ps.matches() && ps.group("pid").length() < 10) {
        String cmd = ps.group("cmd");
        commsFromPs.put(Integer.parseInt(ps.group("pid")), cmd.substring(cmd.lastIndexOf('/') + 1));
        return;
      }
      for (Pattern p : noise) {
        if (p.matcher(text).matches()) {
          if (closing.contains(p)) {
            out.endTask();
            out.endLockStat();
            lockdepHolder = null;
          }
          return;
        }
      }
      if (FrameLine.looksCut(text)) {
        out.skip("frame cut short", line.number());
      } else {
        out.skip("not a line of any known format", line.number());
      }
    }

    private boolean readSection(String text, Line line) {
      int i = 0;
      for (Map.Entry<Pattern, String> e : sections.entrySet()) {
        if (text.contains(sectionHints.get(i++)) && e.getKey().matcher(text).matches()) {
          section = e.getValue();
          out.endTask();
          return true;
        }
      }
      if (section != null && TaskHeader.parse(text) == null) {
        out.skip(section, line.number());
        return true;
      }
      return false;
    }

    private void noteRelease(String text) {
      if (!RELEASE_HINT.matcher(text).find()) {
        return;
      }
      for (Pattern p : releases) {
        Matcher m = p.matcher(text);
        if (m.find()) {
          out.kernelRelease(m.group("rel"));
          releaseKnown = true;
          return;
        }
      }
    }

    private boolean readTaskHeader(String text, Line line) {
      TaskHeader h = TaskHeader.parse(text);
      if (h == null) {
        return false;
      }
      lockdepHolder = null;
      table = null;
      out.endLockStat();
      out.time(line.time(prefixes));
      switch (h.format()) {
        case "hung-task":
          // The report's own header line follows; until it does, frames still belong to the
          // task being read (another CPU's dump may be interleaved with the report).
          out.format("hung-task");
          CaptureBuilder.TaskDraft previous = out.current();
          CaptureBuilder.TaskDraft t = startTask(h, line);
          pendingReports.put(h.pid(), t);
          out.resume(previous);
          return true;
        case "sysrq":
          return sysrqHeader(h, line);
        case "proc-stack":
          return procHeader(h, line);
        default:
          out.format(h.format());
          startTask(h, line);
          return true;
      }
    }

    private boolean sysrqHeader(TaskHeader h, Line line) {
      CaptureBuilder.TaskDraft report = pendingReports.remove(h.pid());
      if (report != null) {
        report.state = h.state();
        out.resume(report);
        return true;
      }
      out.format(dumpFormat);
      startTask(h, line);
      return true;
    }

    private boolean procHeader(TaskHeader h, Line line) {
      out.format("proc-stack");
      CaptureBuilder.TaskDraft cur = out.current();
      if (h.inlineFrame() != null && cur != null && cur.pid == h.pid()) {
        addFrame(h.inlineFrame(), line);
        return true;
      }
      CaptureBuilder.TaskDraft t = startTask(h, line);
      if (t.comm == null) {
        t.comm = commsFromPs.get(h.pid());
      }
      if (h.inlineFrame() != null) {
        addFrame(h.inlineFrame(), line);
      }
      return true;
    }

    private CaptureBuilder.TaskDraft startTask(TaskHeader h, Line line) {
      int round = out.closedRounds();
      String state = h.state() == null && h.format().equals("crash") ? crashState : h.state();
      CaptureBuilder.TaskDraft t = out.startTask(h.pid(), h.comm(), state, h.cpu(), line.number());
      if (out.closedRounds() != round) {
        pendingReports.clear();
      }
      t.wchan = h.wchan();
      return t;
    }

    private void addFrame(String text, Line line) {
      Frame f = FrameLine.parse(text);
      if (f != null) {
        out.frame(f);
      } else if (!text.isBlank() && !text.contains("0xffffffffffffffff")) {
        out.skip("frame cut short", line.number());
      }
    }

    private boolean readLockFacts(String text, Line line) {
      BlockerLine.Fact b = BlockerLine.parse(text);
      if (b != null) {
        out.format("hung-task-blocker");
        CaptureBuilder.TaskDraft t = out.task(b.pid());
        if (t == null) {
          CaptureBuilder.TaskDraft previous = out.current();
          t = out.startTask(b.pid(), b.comm(), "D", -1, line.number());
          pendingReports.put(b.pid(), t);
          out.resume(previous);
        }
        t.blocker = b.blocker();
        return true;
      }
      LockdepLine.Holder holder = LockdepLine.holder(text);
      if (holder != null) {
        out.format("lockdep");
        out.endTask();
        out.lockdepHolder(new LockdepHolder(holder.comm(), holder.pid(), holder.count()));
        lockdepHolder = holder;
        return true;
      }
      if (lockdepHolder != null) {
        LockdepLine.Entry e = LockdepLine.entry(text);
        if (e != null) {
          out.heldLock(new HeldLock(lockdepHolder.comm(), lockdepHolder.pid(), e.index(), e.address(), e.lockClass(), e.at()));
          return true;
        }
      }
      return false;
    }

    private boolean readFrame(String text, Line line) {
      CaptureBuilder.TaskDraft cur = out.current();
      Frame f = frameOf(text);
      if (f == null) {
        String[] src = cur == null || cur.frames.isEmpty() || text.indexOf(':') < 0 ? null : FrameLine.crashSource(text);
        if (src != null) {
          int last = cur.frames.size() - 1;
          cur.frames.set(last, cur.frames.get(last).withSource(src[0], Integer.parseInt(src[1])));
          out.format("crash-bt-l");
          return true;
        }
        return false;
      }
      if (cur == null && out.inLockStat()) {
        return false;
      }
      appendFrame(f, line);
      return true;
    }

    private void appendFrame(Frame f, Line line) {
      if (out.current() == null) {
        out.skip("frame outside any task (CPU backtrace or lost header)", line.number());
      } else {
        out.frame(f);
      }
    }

    private Frame frameOf(String text) {
      Frame f = FrameLine.parse(text);
      return f == null ? null : out.shared(f);
    }

    private boolean readProfile(String text, Line line) {
      ProfileLine.Table header = ProfileLine.header(text);
      if (header != null) {
        table = header;
        out.endTask();
        out.format(switch (header) {
          case PERF_LOCK -> "perf-lock-contention";
          case LOCK_STAT -> "lock_stat";
          case KLOCKSTAT, KLOCKSTAT_HOLD -> "klockstat";
        });
        return true;
      }
      if (table == null) {
        return false;
      }
      if (out.inLockStat()) {
        Frame f = ProfileLine.frame(text);
        if (f != null) {
          out.lockStatFrame(out.shared(f));
          return true;
        }
        if (ProfileLine.bareAddress(text)) {
          return true;
        }
      }
      ProfileLine.Row row = ProfileLine.row(table, text);
      if (row != null && table != ProfileLine.Table.KLOCKSTAT_HOLD) {
        out.startLockStat(row, line.number());
      }
      return row != null;
    }

    /** bcc offcputime -K: bare function names indented by four, the task name last, then a count. */
    private boolean readOffcpu(String text, Line line) {
      if (!text.startsWith("    ") && offcpu.isEmpty()) {
        return false;
      }
      if (OFFCPU_COUNT.matcher(text).matches() && !offcpu.isEmpty()) {
        flushOffcpu();
        return true;
      }
      Matcher m = OFFCPU_FRAME.matcher(text);
      if (m.matches() && (out.current() == null || !offcpu.isEmpty())) {
        if (offcpu.isEmpty()) {
          offcpuStart = line.number();
        }
        offcpu.add(m.group("fn").strip());
        return true;
      }
      if (!offcpu.isEmpty()) {
        for (int i = 0; i < offcpu.size(); i++) {
          out.skip("not a line of any known format", offcpuStart + i);
        }
        offcpu.clear();
      }
      return false;
    }

    private int offcpuStart;

    private void flushOffcpu() {
      if (offcpu.isEmpty()) {
        return;
      }
      out.format("offcputime");
      String last = offcpu.get(offcpu.size() - 1);
      String comm = last.startsWith("-") ? last.substring(1).strip().replaceAll("\\s*\\(\\d+\\)$", "") : last;
      CaptureBuilder.TaskDraft t = out.startTask(-1, comm, "?", -1, offcpuStart);
      for (int i = 0; i < offcpu.size() - 1; i++) {
        t.frames.add(Frame.named(offcpu.get(i)));
      }
      out.endTask();
      offcpu.clear();
    }
  }

  /** Convenience for tests and callers that hold text. */
  public List<Capture> parse(String source, String text) {
    return parse(source, new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** All tasks of all captures. */
  public static List<Task> allTasks(List<Capture> captures) {
    List<Task> all = new ArrayList<>();
    captures.forEach(c -> all.addAll(c.tasks()));
    return all;
  }
}
