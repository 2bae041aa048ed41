"""Scheduled jobs: named functions with stable ids, taking ids only, run in an app context.

Each job opens the app context the scheduler service registered, does its work through the
same services as the web and the CLI, and commits once.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from sqlalchemy import select

from radio.db import db
from radio.models import Occurrence, OccurrenceStatus

log = logging.getLogger("radio.jobs")
_app = None


def bind_app(app) -> None:
    global _app
    _app = app


def _run(fn, *args):
    if _app is None:
        raise RuntimeError("the job scheduler has no app bound")
    with _app.app_context():
        try:
            result = fn(*args)
            db.session.commit()
            return result
        except Exception:
            db.session.rollback()
            log.exception("job %s failed", fn.__name__)
            raise
        finally:
            db.session.remove()


def materialise_ahead() -> None:
    """Extend every programme's occurrences to the horizon (RADIO_MATERIALISE_DAYS)."""
    from schedules.operations import materialise_all

    def work():
        result = materialise_all()
        for w in result.warnings:
            log.warning("materialise: %s", w.message)
        return result.created

    return _run(work)


def render_ahead() -> int:
    """Render the programme audio of occurrences starting within RADIO_RENDER_AHEAD_HOURS."""
    from schedules.operations import now_utc
    from schedules.render import render_occurrence

    hours = int(os.environ.get("RADIO_RENDER_AHEAD_HOURS", "36"))

    def work():
        now = now_utc()
        ids = list(db.session.scalars(select(Occurrence.id).where(
            Occurrence.starts_at > now, Occurrence.starts_at < now + timedelta(hours=hours),
            Occurrence.status.in_([OccurrenceStatus.scheduled, OccurrenceStatus.moved]))))
        done = 0
        for occ_id in ids:
            if render_occurrence(occ_id):
                done += 1
        return done

    return _run(work)


def render_one(occurrence_id: int) -> str | None:
    """Render one occurrence now (queued by editors)."""
    from schedules.render import render_occurrence

    return _run(render_occurrence, occurrence_id)
