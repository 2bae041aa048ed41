"""The job scheduler: APScheduler 3 with a persistent SQLAlchemy job store, one active process.

Every process that serves the app may run a SchedulerService. Each one tries to take a lease
row in `scheduler_lock` every HEARTBEAT_S seconds; only the holder runs APScheduler, and it
renews the lease (the heartbeat the dashboard shows). If the holder dies, another process takes
the lease once it is older than LEASE_S. Missed runs are coalesced into one run on start-up.

Configuration (environment, read into radio.config.Settings):
  RADIO_SCHEDULER=0          do not start the scheduler in this process (default: on)
  RADIO_JOBS_OFF=a,b         switch jobs off by id
  RADIO_JOB_<ID>_MINUTES=N   change a job's interval (e.g. RADIO_JOB_RENDER_AHEAD_MINUTES=15)
  RADIO_JOBS_AT_START=1      `radio scheduler` runs every job once at start-up (default: each
                             job first runs one interval after it is first stored)
`radio serve` runs `radio scheduler` as one child process (web.scheduler_process); the web
workers never run jobs. Other deployments may run `radio scheduler` on several machines: the
lease makes sure one of them runs the jobs.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from radio import clock
from radio.config import Settings, current_settings, scheduler_values
from radio.models import SchedulerLock

log = logging.getLogger("radio.scheduler")

LOCK_NAME = "jobs"
LEASE_S = 90
HEARTBEAT_S = 20
JOBSTORE_TABLE = "apscheduler_jobs"

RUNNER = "schedules.jobs:run"
# Stable job ids -> callable reference and default interval in minutes. Other layers add theirs
# to app.extensions["radio.jobs"] in the same format.
JOBS: dict[str, dict] = {
    "materialise_ahead": {"func": "schedules.programmes.jobs:materialise_ahead", "minutes": 360},
    "render_ahead": {"func": "schedules.programmes.jobs:render_ahead", "minutes": 30},
}


def _switches(env: dict | None, settings: Settings | None) -> dict:
    """The scheduler's switches: parsed from `env` when one is given, else the app's Settings."""
    if env is not None:
        return scheduler_values(env)
    settings = settings or current_settings()
    if settings is None:
        return scheduler_values({})
    return {"scheduler": settings.scheduler, "jobs_at_start": settings.jobs_at_start,
            "jobs_off": settings.jobs_off, "job_minutes": settings.job_minutes}


def enabled(env: dict | None = None, *, settings: Settings | None = None) -> bool:
    return _switches(env, settings)["scheduler"]


def jobs_at_start(env: dict | None = None, *, settings: Settings | None = None) -> bool:
    return _switches(env, settings)["jobs_at_start"]


def configured_jobs(env: dict | None = None, jobs: dict | None = None, *,
                    settings: Settings | None = None) -> dict[str, dict]:
    """The jobs this deployment runs, with the intervals set in the configuration."""
    switches = _switches(env, settings)
    return {job_id: dict(spec, minutes=switches["job_minutes"].get(job_id, spec["minutes"]))
            for job_id, spec in (jobs or JOBS).items() if job_id not in switches["jobs_off"]}


def try_lease(engine: Engine, owner: str, *, now: datetime | None = None,
              lease_s: int = LEASE_S) -> bool:
    """Take or renew the lease; True if `owner` holds it afterwards. One statement each, so
    two processes can never both believe they hold it."""
    now = now or clock.now()
    table = SchedulerLock.__table__
    with engine.begin() as conn:
        renewed = conn.execute(
            update(table).where(table.c.name == LOCK_NAME,
                                (table.c.owner == owner)
                                | (table.c.heartbeat_at < now - timedelta(seconds=lease_s)))
            .values(owner=owner, heartbeat_at=now))
        if renewed.rowcount == 1:
            return True
    try:
        with engine.begin() as conn:
            conn.execute(insert(table).values(name=LOCK_NAME, owner=owner, acquired_at=now,
                                              heartbeat_at=now))
        return True
    except IntegrityError:
        return False


def release_lease(engine: Engine, owner: str) -> None:
    table = SchedulerLock.__table__
    with engine.begin() as conn:
        conn.execute(update(table).where(table.c.name == LOCK_NAME, table.c.owner == owner)
                     .values(heartbeat_at=datetime(2000, 1, 1, tzinfo=UTC)))


def lease_state(session) -> SchedulerLock | None:
    return session.get(SchedulerLock, LOCK_NAME)


def next_runs(engine: Engine) -> dict[str, datetime | None]:
    """Next run time of each stored job (read straight from the job store table)."""
    from sqlalchemy import MetaData, Table
    from sqlalchemy.exc import NoSuchTableError

    try:
        table = Table(JOBSTORE_TABLE, MetaData(), autoload_with=engine)
    except NoSuchTableError:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.id, table.c.next_run_time)).all()
    return {r[0]: datetime.fromtimestamp(r[1], UTC) if r[1] else None for r in rows}


class SchedulerService:
    """Lease keeper plus APScheduler; start() returns at once, work happens in threads."""

    def __init__(self, engine: Engine, *, owner: str | None = None, jobs: dict | None = None,
                 heartbeat_s: float = HEARTBEAT_S, lease_s: int = LEASE_S, tz=None,
                 run_at_start: bool = False) -> None:
        self.engine = engine
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.jobs = configured_jobs(jobs=jobs) if jobs is None else jobs
        self.heartbeat_s = heartbeat_s
        self.lease_s = lease_s
        self.tz = tz or UTC
        self.run_at_start = run_at_start  # every job runs once as soon as the lease is taken
        self.scheduler = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def active(self) -> bool:
        return self.scheduler is not None

    def tick(self) -> bool:
        """One lease round: take/renew, then start or stop APScheduler to match."""
        try:
            held = try_lease(self.engine, self.owner, lease_s=self.lease_s)
        except Exception:  # the database is away: act as if the lease were lost
            log.exception("scheduler lease check failed")
            held = False
        if held and self.scheduler is None:
            self._start_scheduler()
        elif not held and self.scheduler is not None:
            self._stop_scheduler()
        return held

    def _start_scheduler(self) -> None:
        from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
        from apscheduler.schedulers.background import BackgroundScheduler
        from apscheduler.triggers.interval import IntervalTrigger

        sched = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=self.engine,
                                                     tablename=JOBSTORE_TABLE)},
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
            timezone=self.tz)
        sched.start(paused=True)
        for job in sched.get_jobs():
            if job.id not in self.jobs:
                job.remove()
        for job_id, spec in self.jobs.items():
            trigger = IntervalTrigger(minutes=spec["minutes"], timezone=self.tz)
            current = sched.get_job(job_id)
            # Keep a stored job whose schedule did not change: its next run time may lie in the
            # past (the server was down), and APScheduler then runs it once (coalesced).
            if not self.run_at_start and current is not None and current.func_ref == RUNNER and \
                    tuple(current.args) == (job_id,) and \
                    getattr(current.trigger, "interval", None) == trigger.interval:
                continue
            first = {"next_run_time": clock.now().astimezone(self.tz)} if self.run_at_start else {}
            sched.add_job(RUNNER, trigger, args=[job_id], id=job_id, name=job_id,
                          replace_existing=True, **first)
        sched.resume()
        self.run_at_start = False  # once per process, not again after a lost and retaken lease
        self.scheduler = sched
        log.info("scheduler started by %s with jobs %s", self.owner, sorted(self.jobs))

    def _stop_scheduler(self) -> None:
        sched, self.scheduler = self.scheduler, None
        if sched is not None:
            sched.shutdown(wait=False)
            log.info("scheduler stopped in %s", self.owner)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.tick()
            self._stop.wait(self.heartbeat_s)

    def start(self) -> SchedulerService:
        self._thread = threading.Thread(target=self._loop, name="radio-scheduler", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self.scheduler is not None:
            self._stop_scheduler()
            release_lease(self.engine, self.owner)

