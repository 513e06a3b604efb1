package dev.lockxref.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockxref.capture.Capture;
import dev.lockxref.capture.LockStat;
import dev.lockxref.capture.read.CaptureInput;
import dev.lockxref.capture.read.CaptureParser;
import dev.lockxref.testing.Manifest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every capture the lab made from a real 6.1 kernel, read and analysed, checked against what its
 * scenario's MANIFEST says a correct analysis must find.
 */
class LabCapturesTest {
  private final CaptureParser parser = new CaptureParser();
  private final Analyzer analyzer = new Analyzer();

  @TestFactory
  Stream<DynamicTest> everyLabCaptureMatchesItsManifest() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Manifest m : Manifest.all()) {
      for (Manifest.Entry e : m.entries()) {
        tests.add(DynamicTest.dynamicTest(m.scenario() + "/" + e.file().getFileName(), () -> check(m, e)));
      }
      for (Manifest.Profile p : m.profiles()) {
        tests.add(DynamicTest.dynamicTest(m.scenario() + "/" + p.file().getFileName(), () -> checkProfile(p)));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(30);
    return tests.stream();
  }

  private void checkProfile(Manifest.Profile p) throws Exception {
    List<Capture> captures;
    try (InputStream in = CaptureInput.open(p.file().toString())) {
      captures = parser.parse(p.file().getFileName().toString(), in);
    }
    List<LockStat> stats = captures.stream().flatMap(c -> c.lockStats().stream()).toList();
    assertThat(stats).hasSize(p.entries());
    assertThat(stats.get(0).type()).isEqualTo(p.topType());
    assertThat(stats.get(0).name()).isEqualTo(p.topCaller());
    assertThat(stats.get(0).frames()).isNotEmpty();
    assertThat(captures.get(0).skipped()).isEmpty();
  }

  private static long pids(List<TaskView> tasks) {
    return tasks.stream().mapToInt(v -> v.task().pid()).distinct().count();
  }

  private void check(Manifest m, Manifest.Entry e) throws Exception {
    List<Capture> captures;
    try (InputStream in = CaptureInput.open(e.file().toString())) {
      captures = parser.parse(e.file().getFileName().toString(), in);
    }
    Analysis a = analyzer.analyze(captures);

    assertThat(pids(a.tasks())).as("distinct tasks read").isEqualTo(e.tasks());
    long waiters = pids(a.tasks().stream().filter(v -> m.waiterSites().contains(v.stack().waitSite())).toList());
    if (e.interleaved()) {
      // two CPUs' lines mixed: some frames land in another task, so only roughly
      assertThat(waiters).as("tasks waiting at %s", m.waiterSites()).isBetween(e.waiters() * 9L / 10, e.waiters() * 11L / 10);
      return;
    }
    assertThat(waiters).as("tasks waiting at %s", m.waiterSites()).isEqualTo(e.waiters());
    for (Manifest.Holder h : e.holders()) {
      TaskView holder = a.tasks().stream().filter(v -> v.task().pid() == h.pid()).findFirst().orElseThrow();
      assertThat(holder.activity().id()).as("holder %d's activity", h.pid()).isEqualTo("disk-io");
    }
    if ((e.shape().startsWith("sysrq") || e.shape().startsWith("crash")) && e.waiters() > 0) {
      Group first = a.groups().get(0);
      assertThat(first.stack().waitSite()).as("the first group is the pile-up").isIn(m.waiterSites());
      assertThat(first.activity().isLockWait()).isTrue();
      String expectedKind = m.lockKind().equals("mutex") ? "mutex" : "rwsem";
      assertThat(first.activity().id()).startsWith(expectedKind);
      long lockWaits = pids(a.tasks().stream().filter(v -> v.activity().isLockWait()).toList());
      assertThat(lockWaits).as("tasks waiting for a sleeping lock").isEqualTo(e.waiters());
    }
    if (e.shape().equals("sysrq-t") || e.shape().equals("hung-task")) {
      assertThat(captures.get(0).kernelRelease()).isEqualTo(m.kernelRelease());
    }
  }
}
