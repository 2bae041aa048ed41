"""Reconciliation reads: what was scheduled against what stations report they aired.

An entry is "aired" when every event reported for it aired, "partial" when some did, "missed"
when the station reported it skipped or failed, or when nothing arrived by the end of the
entry plus a grace period; before that it is "pending" (not yet due). Manual reports (typed in
by an operator for a station that plays from a USB stick) are marked as such.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from radio import clock
from radio.asrun.compliance import AIRED, MISSED, PARTIAL, PENDING, Figures, airing_state, figures
from radio.config import current_settings
from radio.db import db
from radio.models import Airing, AsRunEvent, AsRunStatus, Heartbeat, ScheduleEntry, Station
from radio.models.airing import WITHDRAWN
from radio.stations import list_stations

GRACE = timedelta(minutes=15)
SILENT_AFTER = timedelta(hours=2)
STATES = (AIRED, PARTIAL, MISSED, PENDING)


def grace_period() -> timedelta:
    """Settings.asrun_grace_s (RADIO_ASRUN_GRACE_S) overrides the grace period (tests compress
    time)."""
    settings = current_settings()
    value = settings.asrun_grace_s if settings else None
    return timedelta(seconds=value) if value is not None else GRACE


def local_tz() -> ZoneInfo:
    return clock.zone()


def entry_state(ends_at: datetime, statuses: list[AsRunStatus], now: datetime,
                grace: timedelta) -> str:
    """The reconciled state of an airing ending at `ends_at` (see compliance.airing_state)."""
    return airing_state(ends_at, statuses, now, grace)


@dataclass
class EntryRow:
    """One airing of an entry on the day, with its own state and evidence."""

    entry: ScheduleEntry
    state: str
    manual: bool
    events: list[AsRunEvent]
    airing: Airing | None = None

    @property
    def starts_at(self) -> datetime:
        return self.airing.starts_at if self.airing is not None else self.entry.starts_at


@dataclass
class StationDay:
    station: Station
    rows: list[EntryRow] = field(default_factory=list)
    last_heartbeat: datetime | None = None
    silent: bool = False

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)

    @property
    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in STATES} | {"manual": sum(r.manual for r in self.rows)}


def _airings(station_ids: list[int], start: datetime, end: datetime) -> list[Airing]:
    rows = db.session.scalars(
        select(Airing).join(ScheduleEntry, ScheduleEntry.id == Airing.entry_id)
        .where(Airing.station_id.in_(station_ids), Airing.starts_at >= start,
               Airing.starts_at < end, Airing.status.not_in(WITHDRAWN))
        .options(selectinload(Airing.entry))
        .order_by(Airing.starts_at, Airing.id))
    return [a for a in rows if a.entry.cancelled_at is None or a.starts_at < a.entry.cancelled_at]


def _events_by_airing(airing_ids: list[int]) -> dict[int, list[AsRunEvent]]:
    out: dict[int, list[AsRunEvent]] = defaultdict(list)
    for chunk in range(0, len(airing_ids), 900):
        ids = airing_ids[chunk:chunk + 900]
        for ev in db.session.scalars(select(AsRunEvent).where(AsRunEvent.airing_id.in_(ids))
                                     .order_by(AsRunEvent.started_at)):
            out[ev.airing_id].append(ev)
    return out


def station_days(day: date, stations: list[Station] | None = None, *,
                 now: datetime | None = None) -> list[StationDay]:
    """The network dashboard for a local day: each station's airings with their state."""
    now = now or clock.now()
    grace = grace_period()
    stations = stations if stations is not None else list_stations(on=day)
    start, end = clock.local_day_bounds(day)
    airings = _airings([s.id for s in stations], start, end)
    events = _events_by_airing([a.id for a in airings])
    beats = last_heartbeats()
    out = {s.id: StationDay(s) for s in stations}
    for airing in airings:
        evs = events.get(airing.id, [])
        state = entry_state(airing.ends_at, [e.status for e in evs], now, grace)
        out[airing.station_id].rows.append(
            EntryRow(airing.entry, state, any(e.manual for e in evs), evs, airing))
    for sd in out.values():
        sd.last_heartbeat = beats.get(sd.station.id)
        sd.silent = is_silent(sd.last_heartbeat, now)
    return list(out.values())


def is_silent(last: datetime | None, now: datetime | None = None) -> bool:
    now = now or clock.now()
    return last is None or now - last > SILENT_AFTER


def last_heartbeats() -> dict[int, datetime]:
    """The last time each station was heard from (heartbeat or as-run upload)."""
    beats = dict(db.session.execute(
        select(Heartbeat.station_id, func.max(Heartbeat.received_at))
        .group_by(Heartbeat.station_id)).all())
    for sid, contact in db.session.execute(select(Station.id, Station.last_contact_at)):
        beat = beats.get(sid)
        if beat is not None and beat.tzinfo is None:  # func.max() bypasses the column type
            beat = beat.replace(tzinfo=UTC)
        latest = max((t for t in (beat, contact) if t is not None), default=None)
        if latest is not None:
            beats[sid] = latest
    return beats


def latest_heartbeat(station: Station) -> Heartbeat | None:
    return db.session.scalar(select(Heartbeat).where(Heartbeat.station_id == station.id)
                             .order_by(Heartbeat.received_at.desc()).limit(1))


def silent_stations(now: datetime | None = None) -> list[Station]:
    """Stations in service today that have not been heard from for SILENT_AFTER."""
    now = now or clock.now()
    beats = last_heartbeats()
    today = now.astimezone(local_tz()).date()
    return [s for s in list_stations(on=today) if is_silent(beats.get(s.id), now)]


@dataclass
class Compliance(Figures):
    """A station's compliance figures (radio.asrun.compliance: the one rule)."""

    station: Station | None = None


def compliance(start_day: date, end_day: date, stations: list[Station] | None = None, *,
               now: datetime | None = None) -> list[Compliance]:
    """Per-station figures for local days start_day..end_day (inclusive); only airings
    already due (end plus grace in the past) count."""
    now = now or clock.now()
    stations = stations if stations is not None else list_stations()
    start, _ = clock.local_day_bounds(start_day)
    _, end = clock.local_day_bounds(end_day)
    got = figures([s.id for s in stations], start, min(end, now), now=now, grace=grace_period())
    return [Compliance(station=s, **vars(got[s.id])) for s in stations]
