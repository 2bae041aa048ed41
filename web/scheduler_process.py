"""`radio scheduler` as a supervised child of `radio serve`.

The server's own processes (gunicorn workers, waitress threads) never run jobs: `radio serve`
starts one `radio scheduler --parent-pid <pid>` process, which takes the lease
(schedules.scheduler) and runs the jobs with a database pool of its own. The child stops when
the server stops (SIGTERM, then SIGKILL after STOP_WAIT_S) and stops by itself when its parent
dies without stopping it.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

log = logging.getLogger("radio.scheduler")
STOP_WAIT_S = 3.0


class SchedulerProcess:
    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.parent_pid = os.getpid()

    def start(self) -> SchedulerProcess:
        # Same interpreter and environment as the server, so the child sees the same settings.
        self.proc = subprocess.Popen([sys.executable, "-m", "web.cli", "scheduler",
                                      "--parent-pid", str(self.parent_pid)])
        log.info("scheduler process %s started", self.proc.pid)
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
                proc.wait(STOP_WAIT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.info("scheduler process %s stopped (%s)", proc.pid, proc.returncode)
