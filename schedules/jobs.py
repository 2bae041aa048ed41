"""Scheduled jobs: named functions with stable ids, taking ids only, run in an app context.

APScheduler stores every job as `schedules.jobs:run` with the job id as its only argument;
`run` looks the id up in the registry (schedules.scheduler.JOBS plus what other layers add to
`app.extensions["radio.jobs"]`), opens the app context, calls the function, commits once, and
records the run's outcome (schedules.job_runs). A job function (the packages' jobs.py, e.g.
schedules.programmes.jobs) just does its work through the services; moving one only changes its
registry entry, never what APScheduler stored.
"""

from __future__ import annotations

import logging
import os
import socket

from apscheduler.util import ref_to_obj

from radio.db import db, expect_writes
from schedules import job_runs

log = logging.getLogger("radio.jobs")
_app = None
_registry: dict[str, dict] = {}


def bind_app(app, jobs: dict[str, dict]) -> None:
    """Remember the app the jobs run in. Jobs run in the scheduler's own threads, where no app
    context exists, so keep the real app object, never the `current_app` proxy."""
    global _app
    _app = app._get_current_object() if hasattr(app, "_get_current_object") else app
    _registry.clear()
    _registry.update(jobs)


def run(job_id: str):
    """Run one registered job by id inside the app context; commit once, roll back on error.

    Each run is recorded (schedules.job_runs) in a transaction of its own, before and after the
    job, so a failed job keeps its record and its error text."""
    if _app is None or job_id not in _registry:
        raise RuntimeError(f"job {job_id!r} is not registered with an app")
    func = ref_to_obj(_registry[job_id]["func"])
    with _app.app_context():
        expect_writes(True)  # jobs write: on SQLite take the write lock at BEGIN
        try:
            run_id = job_runs.started(job_id, owner=_owner())
            try:
                result = func()
                db.session.commit()
            except Exception as exc:
                db.session.rollback()
                log.exception("job %s failed", job_id)
                job_runs.finished(run_id, error=exc)
                raise
            job_runs.finished(run_id, result=result)
            log.info("job %s done: %s", job_id, result)
            return result
        finally:
            db.session.remove()
            expect_writes(False)


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"
