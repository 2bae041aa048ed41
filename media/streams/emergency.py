"""An ad-hoc live emergency: every target station relays the live station's stream at once.

`radio live --emergency` adds, for each commune station in operation today, an emergency relay
entry of the live station from now until the end given (`--until`, else DEFAULT). Stations
learn of it through `/now`, which their agents already poll, and play the stream (it preempts
whatever plays). When the session ends the entries end then too (they aired: never
cancelled). Flush, never commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from radio import audit
from radio.clock import zone
from radio.db import db
from radio.i18n import _
from radio.models import (
    EntryKind,
    LiveSession,
    Priority,
    ScheduleEntry,
    Station,
    StationKind,
    User,
)

DEFAULT = timedelta(hours=1)


def batch(session: LiveSession) -> str:
    return f"live-emergency-{session.id}"


def preempt(session: LiveSession, station: Station, *, now: datetime,
            seconds: float | None, actor: User | None = None) -> list[ScheduleEntry]:
    start = now.replace(microsecond=0)
    end = start + (timedelta(seconds=seconds) if seconds else DEFAULT)
    day = start.astimezone(zone(station.timezone)).date()
    targets = [s for s in db.session.scalars(
        select(Station).where(Station.kind == StationKind.commune, Station.id != station.id,
                              Station.merged_into_id.is_(None)).order_by(Station.code))
               if s.exists_on(day)]
    rows = [ScheduleEntry(station_id=s.id, kind=EntryKind.relay, priority=Priority.emergency,
                          starts_at=start, ends_at=end, relay_station_id=station.id,
                          batch_id=batch(session), created_by_id=actor.id if actor else None,
                          note=_("Phát trực tiếp khẩn cấp (phiên %(id)s)", id=session.id))
            for s in targets]
    db.session.add_all(rows)
    db.session.flush()
    audit.record(actor, "live.emergency", "live_session", session.id,
                 after={"station": station.code, "targets": [s.code for s in targets],
                        "until": end.isoformat()},
                 summary=_("Phát trực tiếp khẩn cấp từ %(name)s tới %(n)s trạm",
                           name=station.name, n=len(targets)))
    return rows


def end(session: LiveSession, *, now: datetime) -> int:
    """The emergency relays of `session` end now (those still running or ahead)."""
    result = db.session.execute(
        update(ScheduleEntry).where(ScheduleEntry.batch_id == batch(session),
                                    ScheduleEntry.ends_at > now)
        .values(ends_at=now.replace(microsecond=0)))
    db.session.flush()
    return result.rowcount or 0
