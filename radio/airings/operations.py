"""Writes of airings: rows for bulk-written entries, cancel, supersede, and linking as-run
events. They flush and never commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, exists, insert, literal, select, update

from radio.airings.util import remaining_conds
from radio.db import db
from radio.models import Airing, AiringStatus, AsRunEvent, AsRunStatus, ScheduleEntry

REPORTED = {AsRunStatus.aired: AiringStatus.aired, AsRunStatus.partial: AiringStatus.partial,
            AsRunStatus.skipped: AiringStatus.missed, AsRunStatus.failed: AiringStatus.missed}


def add_missing(since_entry_id: int = 0) -> int:
    """Airings for one-off entries written in bulk (INSERT ... SELECT, bypassing the ORM):
    one airing each, at the entry's time. Repeating entries are only written through the ORM."""
    e = ScheduleEntry.__table__
    a = Airing.__table__
    rows = select(
        e.c.id, e.c.station_id, literal(0), e.c.starts_at, e.c.ends_at,
        case((e.c.cancelled_at.is_(None), AiringStatus.scheduled.value),
             else_=AiringStatus.cancelled.value),
        e.c.cancelled_at,
    ).where(e.c.id > since_entry_id, e.c.repeat_every_s.is_(None),
            ~exists().where(a.c.entry_id == e.c.id))
    result = db.session.execute(insert(a).from_select(
        ["entry_id", "station_id", "seq", "starts_at", "ends_at", "status", "cancelled_at"], rows))
    return result.rowcount or 0


def withdraw(entry_ids: list[int], at: datetime, status: AiringStatus,
             actor_id: int | None = None) -> int:
    """Cancel (or supersede) the airings of entries that start at or after `at` and have no
    as-run yet. Airings already aired, or already reported, are left as they are."""
    n = 0
    for chunk in range(0, len(entry_ids), 900):
        n += db.session.execute(update(Airing).where(
            *remaining_conds(entry_ids[chunk:chunk + 900], at))
            .values(status=status, cancelled_at=at, cancelled_by_id=actor_id)
            .execution_options(synchronize_session=False)).rowcount or 0
    db.session.flush()
    return n


def mark_reported(airing: Airing, status: AsRunStatus) -> None:
    """An as-run event attached: the airing takes the reported status (aired wins)."""
    new = REPORTED[AsRunStatus(status)]
    if airing.status in (AiringStatus.scheduled, AiringStatus.missed) or (
            airing.status == AiringStatus.partial and new == AiringStatus.aired):
        airing.status = new


def nearest(airings: list[tuple[int, datetime]], started_at: datetime) -> int | None:
    """The id of the airing starting nearest to `started_at` (pure)."""
    best = min(airings, key=lambda a: (abs((a[1] - started_at).total_seconds()), a[0]),
               default=None)
    return best[0] if best else None


def link_unlinked() -> int:
    """Attach as-run events that have an entry but no airing (written in bulk, or before
    airings existed) to their entry's airing nearest in time. Only the unchained airing_id
    column is written; the chained fields are never touched."""
    events = db.session.execute(select(AsRunEvent.seq, AsRunEvent.entry_id, AsRunEvent.started_at)
                                .where(AsRunEvent.airing_id.is_(None),
                                       AsRunEvent.entry_id.is_not(None))).all()
    n = 0
    for chunk in range(0, len(events), 900):
        part = events[chunk:chunk + 900]
        by_entry: dict[int, list[tuple[int, datetime]]] = {}
        for aid, eid, at in db.session.execute(
                select(Airing.id, Airing.entry_id, Airing.starts_at)
                .where(Airing.entry_id.in_({e for _s, e, _t in part}))):
            by_entry.setdefault(eid, []).append((aid, at))
        for seq, eid, started in part:
            aid = nearest(by_entry.get(eid, []), started)
            if aid is not None:
                db.session.execute(update(AsRunEvent).where(AsRunEvent.seq == seq)
                                   .values(airing_id=aid)
                                   .execution_options(synchronize_session=False))
                n += 1
    db.session.flush()
    return n
