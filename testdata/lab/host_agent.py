#!/usr/bin/env python3
"""Waits for the guest's READY-FOR-THROTTLE marker on its console, then throttles its disk via QMP.

usage: throttle.py CONSOLE_LOG QMP_SOCKET DEVICE_ID IOPS
"""
import json
import socket
import sys
import time


def wait_for_marker(path, marker, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with open(path, "rb") as f:
                if marker in f.read():
                    return True
        except FileNotFoundError:
            pass
        time.sleep(0.2)
    return False


def qmp(sock_path, commands):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    f = s.makefile("rwb")
    json.loads(f.readline())  # greeting
    for cmd in [{"execute": "qmp_capabilities"}] + commands:
        f.write(json.dumps(cmd).encode() + b"\n")
        f.flush()
        while True:
            reply = json.loads(f.readline())
            if "event" in reply:
                continue
            if "error" in reply:
                raise SystemExit(f"throttle: QMP {cmd['execute']} failed: {reply['error']}")
            break
    s.close()


def main():
    console, sock, device, iops = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if not wait_for_marker(console, b"LAB: READY-FOR-THROTTLE", 300):
        raise SystemExit("throttle: the guest never became ready (no READY-FOR-THROTTLE on its console)")
    qmp(sock, [{"execute": "block_set_io_throttle",
                "arguments": {"id": device, "bps": 0, "bps_rd": 0, "bps_wr": 0,
                              "iops": iops, "iops_rd": 0, "iops_wr": 0}}])
    print(f"throttle: {device} limited to {iops} IOPS", file=sys.stderr)


if __name__ == "__main__":
    main()
