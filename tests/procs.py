"""Processes a test left behind: the running processes whose command line mentions a path."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path


def mentioning(text: str) -> list[tuple[int, str]]:
    """(pid, command line) of every running process (zombies aside) whose command line contains
    `text`, read from /proc; this process is left out."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
        except OSError:  # it ended meanwhile
            continue
        command = raw.replace(b"\0", b" ").decode("utf-8", "replace").strip()
        if text in command:
            found.append((int(entry.name), command))
    return found


def assert_none_left(text: str, timeout: float) -> None:
    """Fail when processes mentioning `text` still run after `timeout` seconds. Those left are
    killed first, so that one failure does not hold a port, a file or a database lock that
    would hang the tests after it."""
    deadline = time.monotonic() + timeout
    left = mentioning(text)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = mentioning(text)
    for pid, _command in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    assert not left, f"processes left behind after {timeout:.0f} s: {left}"
