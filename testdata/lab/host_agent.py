#!/usr/bin/env python3
"""The host side of a lab run: watches the guest's console for its markers and acts through QMP.

  LAB: READY-FOR-THROTTLE  ->  block_set_io_throttle on the guest's disk (IOPS limit)
  LAB: DUMP-NOW            ->  dump-guest-memory to DUMP_FILE (ELF, the guest stopped meanwhile)
  LAB: DONE                ->  quit: a power-off would wait for the throttled disk's queue to drain

usage: host_agent.py CONSOLE_LOG QMP_SOCKET DEVICE_QOM_PATH IOPS [DUMP_FILE]
"""
import json
import socket
import sys
import time


def wait_for(path, marker, timeout, stop=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with open(path, "rb") as f:
                text = f.read()
            if marker in text:
                return True
            if stop and stop in text:
                return False
        except FileNotFoundError:
            pass
        time.sleep(0.2)
    return False


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.f = self.sock.makefile("rwb")
        json.loads(self.f.readline())  # greeting
        self.run("qmp_capabilities")

    def run(self, command, **arguments):
        msg = {"execute": command}
        if arguments:
            msg["arguments"] = arguments
        self.f.write(json.dumps(msg).encode() + b"\n")
        self.f.flush()
        while True:
            reply = json.loads(self.f.readline())
            if "event" in reply:
                continue
            if "error" in reply:
                raise SystemExit(f"host_agent: QMP {command} failed: {reply['error']}")
            return reply.get("return")


def main():
    console, sock, device, iops = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    dump = sys.argv[5] if len(sys.argv) > 5 else None
    if not wait_for(console, b"LAB: READY-FOR-THROTTLE", 300):
        raise SystemExit("host_agent: the guest never became ready (no READY-FOR-THROTTLE on its console)")
    qmp = Qmp(sock)
    qmp.run("block_set_io_throttle", id=device, bps=0, bps_rd=0, bps_wr=0, iops=iops, iops_rd=0, iops_wr=0)
    print(f"host_agent: disk limited to {iops} IOPS", file=sys.stderr)
    if dump:
        if not wait_for(console, b"LAB: DUMP-NOW", 900, stop=b"LAB: DONE"):
            raise SystemExit("host_agent: the guest never asked for its memory dump (no DUMP-NOW)")
        started = time.time()
        qmp.run("dump-guest-memory", paging=False, protocol="file:" + dump)
        print(f"host_agent: guest memory dumped to {dump} in {time.time() - started:.0f} s", file=sys.stderr)
    if wait_for(console, b"LAB: DONE", 900):
        time.sleep(1)  # let the serial ports flush the last lines to their files
        try:
            qmp.run("quit")
        except (OSError, ValueError, json.JSONDecodeError):
            pass  # QEMU closes the socket as it exits


if __name__ == "__main__":
    main()
