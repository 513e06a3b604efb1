#!/usr/bin/env python3
"""Cuts a lab run's console and user logs into one capture file per round and shape, and writes the
scenario's MANIFEST: what was run, and what a correct analysis must find in each capture.

The expected answers are computed here by rules written for each scenario alone (which frames a
waiter and the holder of that scenario's lock show); they are independent of lockxref's own code.
"""
import argparse
import lzma
import os
import re
import sys
from datetime import datetime, timezone

# A kernel timestamp, and anything another writer printed in front of it on the console
# ("/init: line 56: [   71.621961]  path_openat+0x337/0x1260").
TIMESTAMP = re.compile(r"^(?:[^\[]*?)\[\s*\d+\.\d+\] ")

# What each scenario piles up on, and how to recognise its waiters and its holder from the frames
# (function names, '?' frames left out). A holder is a task inside the locked region of the same
# path that is not itself in the lock's slow path.
SCENARIOS = {
    "dir-rwsem": {
        "lock": "struct inode.i_rwsem",
        "lock_kind": "rwsem",
        "lock_note": "the i_rwsem of directory /mnt/spool (ext2 mounted by the ext4 driver)",
        "waiter_sites": "path_openat do_unlinkat walk_component",
        # the lockdep class of the directory's rwsem (lockdep kernel only)
        "lockdep_class": "&type->i_mutex_dir_key",
        # creators (path_openat) and unlinkers (do_unlinkat) want it for write; rm's stat() of a
        # name in the directory (walk_component, lookup_slow inlined) wants it for read
        "waiter": lambda f: ("rwsem_down_write_slowpath" in f and ("path_openat" in f or "do_unlinkat" in f))
        or ("rwsem_down_read_slowpath" in f and "walk_component" in f),
        # /proc/PID/stack leaves out __sched functions: there the caller of the lock is on top
        "proc_waiter": lambda f: past_lock_calls(f)[:1] in (["path_openat"], ["do_unlinkat"], ["walk_component"]),
        "in_region": lambda f: any(x in f for x in ("ext4_create", "ext4_lookup", "vfs_unlink", "__lookup_hash", "lookup_one_qstr_excl")),
        # rm's stat() holds it for read while ext4_lookup reads the name's inode (walk_component,
        # lookup_slow inlined): a reader in there holds off the writers too
        "path": lambda f: "path_openat" in f or "do_unlinkat" in f or "walk_component" in f,
    },
    "rename-mutex": {
        "lock": "struct super_block.s_vfs_rename_mutex",
        "lock_kind": "mutex",
        "lock_note": "the s_vfs_rename_mutex of the ext2 file system on /mnt",
        "waiter_sites": "do_renameat2",
        "lockdep_class": "&type->s_vfs_rename_key",
        # Debian's build inlines lock_rename() into do_renameat2(), and mutex_lock() into it: a
        # waiter shows __mutex_lock called straight from do_renameat2
        "waiter": lambda f: "do_renameat2" in f and any(x.startswith("__mutex_lock") for x in f),
        "proc_waiter": lambda f: past_lock_calls(f)[:1] == ["do_renameat2"],
        "in_region": lambda f: any(x in f for x in ("__lookup_hash", "lookup_one_qstr_excl", "vfs_rename", "ext4_rename")),
        "path": lambda f: "do_renameat2" in f and "__filename_parentat" not in f,
    },
}

WAIT_FRAMES = {"__schedule", "schedule", "io_schedule", "bit_wait_io", "schedule_timeout",
               "schedule_preempt_disabled"}


def read_lines(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace").replace("\r", "").split("\n")


def segment(lines, begin, end):
    out, on = [], False
    for line in lines:
        if begin in line:
            on = True
            continue
        if end in line and on:
            return out
        if on:
            out.append(line)
    return out if on else None


def function_of(frame_text):
    m = re.match(r"\s*(?:\[<[0-9a-f]+>\]\s*)?(\?\s+)?([A-Za-z0-9_.]+)\+0x", frame_text)
    if not m or m.group(1):
        return None
    return m.group(2)


def parse_sysrq(lines):
    tasks, cur = [], None
    for raw in lines:
        line = TIMESTAMP.sub("", raw)
        m = re.match(r"task:(.+?)\s+state:(\S)\s.*?pid:(\d+)", line)
        if m:
            cur = {"comm": m.group(1).strip(), "state": m.group(2), "pid": int(m.group(3)), "frames": []}
            tasks.append(cur)
            continue
        if cur is not None:
            fn = function_of(line)
            if fn:
                cur["frames"].append(fn)
    return tasks


def parse_proc_grep(lines):
    tasks = {}
    for line in lines:
        m = re.match(r"/proc/(\d+)/stack:(.*)", line)
        if m:
            t = tasks.setdefault(int(m.group(1)), {"pid": int(m.group(1)), "comm": None, "state": None, "frames": []})
            fn = function_of(m.group(2))
            if fn:
                t["frames"].append(fn)
    return list(tasks.values())


def parse_proc_headers(lines):
    tasks, cur = [], None
    for line in lines:
        m = re.match(r"(\d+) \((.*)\) (\S) wchan=", line)
        if m:
            cur = {"pid": int(m.group(1)), "comm": m.group(2), "state": m.group(3), "frames": []}
            tasks.append(cur)
        elif cur is not None:
            fn = function_of(line)
            if fn:
                cur["frames"].append(fn)
    return tasks


def parse_crash(lines):
    """crash's bt output: a "PID: N  TASK: …  CPU: …  COMMAND: "comm"" line, then " #N [sp] func at addr"."""
    tasks, cur = [], None
    for line in lines:
        m = re.match(r'PID: (\d+)\s+TASK: \S+\s+CPU: \S+\s+COMMAND: "(.*)"', line)
        if m:
            cur = {"pid": int(m.group(1)), "comm": m.group(2), "state": None, "frames": []}
            tasks.append(cur)
            continue
        m = re.match(r"\s*#\d+ \[[0-9a-f]+\] (\S+) at [0-9a-f]+", line)
        if m and cur is not None:
            cur["frames"].append(m.group(1))
    return tasks


CRASH_SHAPES = {"foreach-bt": "crash-foreach-bt", "foreach-un-bt-l": "crash-foreach-un-bt-l", "bt-a": "crash-bt-a"}


def perf_rows(lines):
    rows = []
    for line in lines:
        m = re.match(r"\s*(\d+)\s+([\d.]+ \w+)\s+[\d.]+ \w+\s+[\d.]+ \w+\s+(\S+)\s+(\S+)\s*$", line)
        if m:
            rows.append({"count": int(m.group(1)), "type": m.group(3), "caller": m.group(4)})
    return rows


def lockdep_holders(lines, lock_class):
    """(pid, comm) of the tasks lockdep's "locks held by" lists show with LOCK_CLASS."""
    out, who = [], None
    for line in lines:
        text = TIMESTAMP.sub("", line)
        m = re.match(r"^\s*\d+ locks? held by (.+)/(\d+):", text)
        if m:
            who = (int(m.group(2)), m.group(1))
        elif who and "#" in text and "(" + lock_class in text and who not in out:
            out.append(who)
    return out


def lock_stat_rows(lines):
    """/proc/lock_stat's class rows, in order: (class name, contentions)."""
    rows = []
    for line in lines:
        m = re.match(r"^\s*(\S.*?):\s+(\d+)\s+(\d+)\s+[\d.]+\s", line)
        if m:
            rows.append((m.group(1), int(m.group(3))))
    return rows


def parse_hung(lines):
    tasks = []
    for line in lines:
        m = re.search(r"INFO: task (.+):(\d+) blocked for more than", line)
        if m:
            tasks.append({"comm": m.group(1), "pid": int(m.group(2))})
    return tasks


def hung_blocks(lines):
    out, on = [], False
    for line in lines:
        if "INFO: task " in line and "blocked for more than" in line:
            on = True
        if on:
            out.append(line)
            if "</TASK>" in line:
                on = False
    return out


# Lock entry points a kernel may not inline (the lockdep build keeps down_write_nested and friends
# out of line): /proc/PID/stack then shows them above the function that takes the lock.
LOCK_CALLS = {"down_write", "down_write_nested", "down_write_killable", "down_read", "down_read_nested",
              "down_read_killable", "mutex_lock", "mutex_lock_nested", "mutex_lock_killable", "lock_rename"}


def past_lock_calls(frames):
    i = 0
    while i < len(frames) and frames[i] in LOCK_CALLS:
        i += 1
    return frames[i:]


def truth(rules, tasks, proc):
    is_waiter = rules["proc_waiter"] if proc else rules["waiter"]
    waiters = [t for t in tasks if is_waiter(t["frames"])]
    holders = [t for t in tasks
               if t["state"] in (None, "D") and rules["path"](t["frames"]) and rules["in_region"](t["frames"])
               and not is_waiter(t["frames"])]
    return waiters, holders


def waits_on(frames):
    """The frames from the first that is not scheduler plumbing, up to five: what the task waits on."""
    i = 0
    while i < len(frames) and frames[i] in WAIT_FRAMES:
        i += 1
    return frames[max(0, i - 1):i + 5]


def entry_line(name, pids, waiters, holders, flag=""):
    """A capture's MANIFEST line: its distinct tasks, its waiters, and its holders with what they wait on."""
    holder_text = "; ".join(
        f"{h['pid']} ({h['comm'] or '?'}) waits in {' < '.join(waits_on(h['frames']))}" for h in holders) or "none"
    return f"{name}: tasks={len(pids)} waiters={len({t['pid'] for t in waiters})}{flag} holders={holder_text}"


def write_xz(path, lines):
    text = "\n".join(lines).rstrip("\n") + "\n"
    with lzma.open(path, "wt", encoding="utf-8", preset=9) as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    for name in ("scenario", "console", "user", "out", "kernel-package", "kernel-version",
                 "busybox-version", "workers", "iops", "qemu", "script"):
        ap.add_argument("--" + name, required=True)
    ap.add_argument("--crash", help="directory with crash's output over a dump of the guest (LAB_CRASH=1)")
    ap.add_argument("--crash-version")
    ap.add_argument("--crash-symbols", help="the debug-symbol package crash was given")
    a = ap.parse_args()
    rules = SCENARIOS[a.scenario]
    console, user = read_lines(a.console), read_lines(a.user)
    release = next((m.group(1) for line in user for m in [re.match(r"=== uname (\S+)", line)] if m), "unknown")
    os.makedirs(a.out, exist_ok=True)
    for old in os.listdir(a.out):
        os.remove(os.path.join(a.out, old))

    manifest = [
        f"scenario: {a.scenario}",
        f"made: {datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')} by testdata/lab/run",
        f"kernel release: {release}",
        f"kernel package: {a.kernel_package} {a.kernel_version} (Debian; its source is linux-source-6.1 {a.kernel_version})"
        if a.kernel_package.startswith("linux-image") else
        f"kernel: {a.kernel_package}, from linux-source-6.1 {a.kernel_version}",
        f"busybox: busybox-static {a.busybox_version}",
        f"workers: {a.workers}",
        f"disk: virtio-blk throttled to {a.iops} IOPS through QMP block_set_io_throttle after set-up",
        f"qemu: {a.qemu.strip()}",
        "what was run (guest/scenario-%s.sh):" % a.scenario,
    ]
    manifest += ["    " + line for line in open(a.script, encoding="utf-8").read().rstrip().split("\n")]
    manifest += [
        f"expected lock: {rules['lock']}",
        f"expected lock kind: {rules['lock_kind']}",
        f"lock instance: {rules['lock_note']}",
        f"waiters wait in: {rules['waiter_sites']} (the functions that call the lock's slow path; the",
        "    compiler inlined the lock calls into them)",
        "",
        "# One line per capture file: how many distinct tasks (pids) it shows, how many of them wait",
        "# for the lock, and the holder (a task inside the locked region that is not waiting for the",
        "# lock) with the frames of what it waits on. interleaved=yes marks files where two CPUs",
        "# printed at once, so some lines belong to another task and counts of waiters are approximate.",
        "# After the last round: perf lock contention over three seconds (entries, and the top one);",
        "# with the lockdep kernel, SysRq w and d in one file, and /proc/lock_stat (classes, the top one).",
    ]

    previous_end = "LAB: LOAD-STARTED"
    r = 1
    while any(f"LAB: ROUND-DONE round={r}" in line for line in console):
        files = {}
        for shape in ("sysrq-t", "sysrq-w"):
            files[shape] = segment(console, f"LAB: BEGIN round={r} shape={shape}", f"LAB: END round={r} shape={shape}")
        window = segment(console, previous_end, f"LAB: ROUND-DONE round={r}")
        files["hung-task"] = hung_blocks(window or [])
        for shape in ("proc-stack-grep", "proc-stack-headers"):
            files[shape] = segment(user, f"=== BEGIN round={r} shape={shape}", f"=== END round={r} shape={shape}")
        parsers = {"sysrq-t": parse_sysrq, "sysrq-w": parse_sysrq, "hung-task": parse_sysrq,
                   "proc-stack-grep": parse_proc_grep, "proc-stack-headers": parse_proc_headers}
        for shape, lines in files.items():
            if not lines:
                print(f"cut: round {r} has no {shape} capture", file=sys.stderr)
                continue
            name = f"round{r}-{shape}.txt.xz"
            write_xz(os.path.join(a.out, name), lines)
            tasks = parsers[shape](lines)
            waiters, holders = truth(rules, tasks, shape.startswith("proc"))
            # Counted by distinct pid: a task can show twice where a hung-task report and a sysrq
            # dump were printed at once by two CPUs, and their lines are interleaved.
            pids = {t["pid"] for t in tasks} | {t["pid"] for t in parse_hung(lines)}
            # Two CPUs printing at once (khungtaskd's report during a sysrq dump) interleave lines
            # and cut headers short: stacks can no longer be told apart exactly.
            mangled = any(re.search(r"task:\S+\s+state:\S\s*$", TIMESTAMP.sub("", x)) for x in lines) or (
                shape.startswith("sysrq") and any("INFO: task " in x for x in lines))
            flag = " interleaved=yes" if mangled else ""
            manifest.append(entry_line(name, pids, waiters, holders, flag))
        previous_end = f"LAB: ROUND-DONE round={r}"
        r += 1
    last = r - 1
    after_last = last + 1
    perf = segment(user, f"=== BEGIN round={last} shape=perf-lock-contention", f"=== END round={last} shape=perf-lock-contention")
    if perf:
        name = f"round{after_last}-perf-lock-contention.txt.xz"
        write_xz(os.path.join(a.out, name), perf)
        rows = perf_rows(perf)
        top = f"{rows[0]['type']} {rows[0]['caller']}" if rows else "none"
        manifest.append(f"{name}: entries={len(rows)} top={top}")
    if a.crash:
        manifest.append(f"# After the last round, the guest's memory dumped through QMP and read with crash {a.crash_version}")
        manifest.append(f"# (Debian 13's) and the symbols of {a.crash_symbols}: foreach bt (every task), foreach UN bt -l")
        manifest.append("# (D-state tasks, with source lines), bt -a (the tasks on a CPU).")
        for source, shape in CRASH_SHAPES.items():
            lines = read_lines(os.path.join(a.crash, f"crash-{source}.txt"))
            name = f"round{after_last}-{shape}.txt.xz"
            write_xz(os.path.join(a.out, name), lines)
            tasks = parse_crash(lines)
            waiters, holders = truth(rules, tasks, False)
            manifest.append(entry_line(name, {t["pid"] for t in tasks}, waiters, holders))
    held = segment(console, f"LAB: BEGIN round={last} shape=sysrq-w-lockdep", f"LAB: END round={last} shape=sysrq-w-lockdep")
    if held:
        name = f"round{after_last}-sysrq-w-lockdep.txt.xz"
        write_xz(os.path.join(a.out, name), held)
        tasks = parse_sysrq(held)
        waiters, holders = truth(rules, tasks, False)
        shown = {t["pid"] for t in tasks}
        manifest.append(entry_line(name, shown, waiters, holders))
        # lockdep's word: a task it lists with the lock that is not waiting for it holds it (a task
        # missing from SysRq w was not blocked: running with the lock)
        waiting = {t["pid"] for t in waiters}
        for pid, comm in lockdep_holders(held, rules["lockdep_class"]):
            if pid not in waiting:
                manifest.append(f"{name} lockdep: holder={pid} ({comm}) {'blocked' if pid in shown else 'not blocked'}")
    stat = segment(user, f"=== BEGIN round={last} shape=lock-stat", f"=== END round={last} shape=lock-stat")
    if stat:
        name = f"round{after_last}-lock-stat.txt.xz"
        write_xz(os.path.join(a.out, name), stat)
        rows = lock_stat_rows(stat)
        top = f"{rows[0][0]} contentions={rows[0][1]}" if rows else "none contentions=0"
        manifest.append(f"{name}: classes={len(rows)} top={top}")
    with open(os.path.join(a.out, "MANIFEST"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest) + "\n")
    print(f"cut: {last} rounds of {a.scenario} written to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
