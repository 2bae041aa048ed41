"""Reads of airings: the plausibility window, the airing an as-run report proves, and the
airings an operator can pick from."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from radio.config import current_settings
from radio.db import db
from radio.models import Airing, AiringStatus, AsRunEvent, ScheduleEntry, Station

EARLY = timedelta(minutes=15)
LATE = timedelta(hours=2)


def tolerance() -> tuple[timedelta, timedelta]:
    """How early and how late an as-run may start for its airing (RADIO_ASRUN_EARLY_MINUTES,
    RADIO_ASRUN_LATE_MINUTES; 15 min and 2 h outside an app)."""
    settings = current_settings()
    if settings is None:
        return EARLY, LATE
    return (timedelta(minutes=settings.asrun_early_minutes),
            timedelta(minutes=settings.asrun_late_minutes))


def plausible(airing: Airing, started_at: datetime,
              window: tuple[timedelta, timedelta] | None = None) -> bool:
    early, late = window or tolerance()
    return airing.starts_at - early <= started_at <= airing.starts_at + late


def airings_of(entry_id: int) -> list[Airing]:
    return list(db.session.scalars(select(Airing).where(Airing.entry_id == entry_id)
                                   .order_by(Airing.seq)))


def airing_near(entry_id: int, started_at: datetime) -> Airing | None:
    """The entry's airing a report starting at `started_at` can prove: inside the tolerance,
    the nearest start (None if no airing of the entry is plausible)."""
    early, late = tolerance()
    rows = db.session.scalars(select(Airing).where(
        Airing.entry_id == entry_id, Airing.starts_at >= started_at - late,
        Airing.starts_at <= started_at + early))
    return min(rows, key=lambda a: (abs((a.starts_at - started_at).total_seconds()), a.id),
               default=None)


def station_airings(station: Station, start: datetime, end: datetime) -> list[Airing]:
    """A station's airings starting in [start, end), with their entries (the manual form)."""
    return list(db.session.scalars(
        select(Airing).where(Airing.station_id == station.id, Airing.starts_at >= start,
                             Airing.starts_at < end)
        .options(selectinload(Airing.entry).selectinload(ScheduleEntry.media_item))
        .order_by(Airing.starts_at, Airing.id)))


def remaining_conds(entry_ids: list[int], at: datetime) -> tuple:
    """Airings of these entries a cancel at `at` still withdraws: starting at or after `at`,
    scheduled, and with no as-run (what aired, or was reported, stays as it is)."""
    return (Airing.entry_id.in_(entry_ids), Airing.starts_at >= at,
            Airing.status == AiringStatus.scheduled,
            ~exists().where(AsRunEvent.airing_id == Airing.id))


def remaining(entry_ids: list[int], at: datetime) -> list[Airing]:
    """The airings a cancel at `at` would withdraw, in time order (the confirm page)."""
    out: list[Airing] = []
    for chunk in range(0, len(entry_ids), 900):
        out += db.session.scalars(select(Airing).where(
            *remaining_conds(entry_ids[chunk:chunk + 900], at)))
    return sorted(out, key=lambda a: (a.starts_at, a.id))
