"""Scheduled jobs: named functions with stable ids, taking ids only, run in an app context.

APScheduler stores every job as `schedules.jobs:run` with the job id as its only argument;
`run` looks the id up in the registry (schedules.scheduler.JOBS plus what other layers add to
`app.extensions["radio.jobs"]`), opens the app context, calls the function, and commits once.
A job function therefore just does its work through the services.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from apscheduler.util import ref_to_obj
from sqlalchemy import select

from radio.db import db
from radio.models import Occurrence, OccurrenceStatus

log = logging.getLogger("radio.jobs")
_app = None
_registry: dict[str, dict] = {}


def bind_app(app, jobs: dict[str, dict]) -> None:
    global _app
    _app = app
    _registry.clear()
    _registry.update(jobs)


def run(job_id: str):
    """Run one registered job by id inside the app context; commit once, roll back on error."""
    if _app is None or job_id not in _registry:
        raise RuntimeError(f"job {job_id!r} is not registered with an app")
    func = ref_to_obj(_registry[job_id]["func"])
    with _app.app_context():
        try:
            result = func()
            db.session.commit()
            log.info("job %s done: %s", job_id, result)
            return result
        except Exception:
            db.session.rollback()
            log.exception("job %s failed", job_id)
            raise
        finally:
            db.session.remove()


def materialise_ahead() -> int:
    """Extend every programme's occurrences to the horizon (RADIO_MATERIALISE_DAYS)."""
    from schedules.operations import materialise_all

    result = materialise_all()
    for w in result.warnings:
        log.warning("materialise: %s", w.message)
    return result.created


def render_ahead() -> int:
    """Render the programme audio of occurrences starting within RADIO_RENDER_AHEAD_HOURS."""
    from schedules.operations import now_utc
    from schedules.render import render_occurrence

    hours = int(os.environ.get("RADIO_RENDER_AHEAD_HOURS", "36"))
    now = now_utc()
    ids = list(db.session.scalars(select(Occurrence.id).where(
        Occurrence.starts_at > now, Occurrence.starts_at < now + timedelta(hours=hours),
        Occurrence.status.in_([OccurrenceStatus.scheduled, OccurrenceStatus.moved]))))
    return sum(1 for occ_id in ids if render_occurrence(occ_id))
