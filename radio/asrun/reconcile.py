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

from radio import clock
from radio.config import current_settings
from radio.db import db
from radio.models import AsRunEvent, AsRunStatus, Heartbeat, ScheduleEntry, Station
from radio.stations import list_stations

GRACE = timedelta(minutes=15)
SILENT_AFTER = timedelta(hours=2)
AIRED, PARTIAL, MISSED, PENDING = "aired", "partial", "missed", "pending"
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
    """The reconciled state of an entry ending at `ends_at` from the statuses reported (pure)."""
    if statuses:
        kinds = {AsRunStatus(s) for s in statuses}
        if kinds == {AsRunStatus.aired}:
            return AIRED
        if kinds & {AsRunStatus.aired, AsRunStatus.partial}:
            return PARTIAL
        return MISSED
    return PENDING if now < ends_at + grace else MISSED


@dataclass
class EntryRow:
    entry: ScheduleEntry
    state: str
    manual: bool
    events: list[AsRunEvent]


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


def _entries(station_ids: list[int], start: datetime, end: datetime) -> list[ScheduleEntry]:
    return list(db.session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.station_id.in_(station_ids),
                                    ScheduleEntry.starts_at >= start,
                                    ScheduleEntry.starts_at < end,
                                    ScheduleEntry.cancelled_at.is_(None))
        .order_by(ScheduleEntry.starts_at, ScheduleEntry.id)))


def _events_by_entry(entry_ids: list[int]) -> dict[int, list[AsRunEvent]]:
    out: dict[int, list[AsRunEvent]] = defaultdict(list)
    for chunk in range(0, len(entry_ids), 900):
        ids = entry_ids[chunk:chunk + 900]
        for ev in db.session.scalars(select(AsRunEvent).where(AsRunEvent.entry_id.in_(ids))
                                     .order_by(AsRunEvent.started_at)):
            out[ev.entry_id].append(ev)
    return out


def station_days(day: date, stations: list[Station] | None = None, *,
                 now: datetime | None = None) -> list[StationDay]:
    """The network dashboard for a local day: each station's entries with their state."""
    now = now or clock.now()
    grace = grace_period()
    stations = stations if stations is not None else list_stations(on=day)
    start, end = clock.local_day_bounds(day)
    entries = _entries([s.id for s in stations], start, end)
    events = _events_by_entry([e.id for e in entries])
    beats = last_heartbeats()
    out = {s.id: StationDay(s) for s in stations}
    for entry in entries:
        evs = events.get(entry.id, [])
        state = entry_state(entry.ends_at, [e.status for e in evs], now, grace)
        out[entry.station_id].rows.append(
            EntryRow(entry, state, any(e.manual for e in evs), evs))
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
class Compliance:
    station: Station
    scheduled: int = 0
    aired: int = 0
    partial: int = 0
    missed: int = 0
    manual: int = 0

    @property
    def ratio(self) -> float | None:
        """Aired or partly aired over scheduled: the same rule as the period reports
        (radio.archive.reports.data), so the editors' page and the auditors' report agree."""
        return (self.aired + self.partial) / self.scheduled if self.scheduled else None


def compliance(start_day: date, end_day: date, stations: list[Station] | None = None, *,
               now: datetime | None = None) -> list[Compliance]:
    """Per-station aired / scheduled for local days start_day..end_day (inclusive).

    Only entries already due (end plus grace in the past) count as scheduled.
    """
    now = now or clock.now()
    grace = grace_period()
    stations = stations if stations is not None else list_stations()
    start, _ = clock.local_day_bounds(start_day)
    _, end = clock.local_day_bounds(end_day)
    end = min(end, now)
    out = {s.id: Compliance(s) for s in stations}
    rows = db.session.execute(
        select(ScheduleEntry.id, ScheduleEntry.station_id, ScheduleEntry.ends_at)
        .where(ScheduleEntry.station_id.in_(list(out)), ScheduleEntry.starts_at >= start,
               ScheduleEntry.starts_at < end, ScheduleEntry.cancelled_at.is_(None))).all()
    due = [(eid, sid) for eid, sid, ends in rows if ends + grace <= now]
    statuses: dict[int, list[tuple[AsRunStatus, bool]]] = defaultdict(list)
    ids = [eid for eid, _sid in due]
    for chunk in range(0, len(ids), 900):
        for eid, status, manual in db.session.execute(
                select(AsRunEvent.entry_id, AsRunEvent.status, AsRunEvent.manual)
                .where(AsRunEvent.entry_id.in_(ids[chunk:chunk + 900]))):
            statuses[eid].append((status, manual))
    for eid, sid in due:
        c = out[sid]
        c.scheduled += 1
        reported = statuses.get(eid, [])
        state = entry_state(now, [s for s, _m in reported], now, timedelta(0))
        setattr(c, state, getattr(c, state) + 1)
        c.manual += any(m for _s, m in reported)
    return list(out.values())
