"""`radio scheduler` as a supervised child of `radio serve`.

The server's own processes (gunicorn workers, waitress threads) never run jobs: `radio serve`
starts one `radio scheduler --parent-pid <pid>` process, which takes the lease
(schedules.scheduler) and runs the jobs with a database pool of its own. The child stops when
the server stops (SIGTERM, then SIGKILL after STOP_WAIT_S) and stops by itself when its parent
dies without stopping it.
"""

from __future__ import annotations

import logging

from radio.child import ChildProcess

log = logging.getLogger("radio.scheduler")
STOP_WAIT_S = 3.0


class SchedulerProcess(ChildProcess):
    def __init__(self) -> None:
        super().__init__(["scheduler"], name="scheduler", logger=log, stop_wait_s=STOP_WAIT_S)
