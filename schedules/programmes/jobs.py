"""Programme jobs: materialise occurrences to the horizon and render the audio of those ahead."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from radio import clock
from radio.config import current_settings
from radio.db import db
from radio.models import Occurrence, OccurrenceStatus
from schedules.programmes.materialise import materialise_all
from schedules.programmes.render import render_occurrence

log = logging.getLogger("radio.jobs")


def materialise_ahead() -> int:
    """Extend every programme's occurrences to the horizon (RADIO_MATERIALISE_DAYS)."""
    result = materialise_all()
    for w in result.warnings:
        log.warning("materialise: %s", w.message)
    return result.created


def render_ahead() -> int:
    """Render the programme audio of occurrences starting within RADIO_RENDER_AHEAD_HOURS."""
    settings = current_settings()
    hours = settings.render_ahead_hours if settings else 36
    now = clock.now()
    ids = list(db.session.scalars(select(Occurrence.id).where(
        Occurrence.starts_at > now, Occurrence.starts_at < now + timedelta(hours=hours),
        Occurrence.status.in_([OccurrenceStatus.scheduled, OccurrenceStatus.moved]))))
    return sum(1 for occ_id in ids if render_occurrence(occ_id))
