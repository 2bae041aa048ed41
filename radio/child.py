"""A `radio <command> --parent-pid <pid>` child of `radio serve`, started and stopped by it.

Used for the job scheduler (web/scheduler_process.py) and the stream server
(media/streams/process.py). The child runs the same interpreter and environment as the server,
so it sees the same settings; it stops when the server stops it (SIGTERM, then SIGKILL after
`stop_wait_s`) and, by itself, when its parent dies without stopping it.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys


class ChildProcess:
    def __init__(self, command: list[str], *, name: str, logger: logging.Logger,
                 stop_wait_s: float) -> None:
        self.command = command
        self.name = name
        self.log = logger
        self.stop_wait_s = stop_wait_s
        self.proc: subprocess.Popen | None = None
        self.parent_pid = os.getpid()

    def start(self) -> ChildProcess:
        self.proc = subprocess.Popen([sys.executable, "-m", "web.cli", *self.command,
                                      "--parent-pid", str(self.parent_pid)])
        self.log.info("%s process %s started", self.name, self.proc.pid)
        return self

    def stop(self) -> None:
        """Stop the child; only the process that started it may (forked workers inherit this
        object together with the stack that will call stop())."""
        proc, self.proc = self.proc, None
        if proc is None or os.getpid() != self.parent_pid:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(self.stop_wait_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.log.info("%s process %s stopped (%s)", self.name, proc.pid, proc.returncode)
