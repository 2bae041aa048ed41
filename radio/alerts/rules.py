"""The alert checks: each is `(now, rule) -> list[Finding]` over the whole fleet (pure reads).

`rule(kind, station)` gives the threshold that applies to a station (util.rule_for): the
station's unit, else its province, else the default row, else DEFAULTS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from radio.asrun.compliance import MISSED, state_of
from radio.db import db
from radio.i18n import _
from radio.models import (
    Airing,
    AlertKind,
    AsRunEvent,
    BroadcastWindow,
    EmergencyReceipt,
    Priority,
    ScheduleEntry,
    Station,
    StationHealth,
)
from radio.numbers import number

GB = 1024 ** 3
# kind -> (threshold, escalate_minutes); units as in radio/models/alert_rule.py.
DEFAULTS: dict[str, tuple[float, int]] = {
    AlertKind.station_silent: (10, 30),
    AlertKind.dead_air: (30, 15),  # seconds of silence (the brief: silence_s >= N s)
    AlertKind.emergency_not_started: (60, 5),
    AlertKind.cache_not_ready: (20 * 60, 120),
    AlertKind.low_disk: (GB, 0),
    AlertKind.clock_off: (5, 0),
    AlertKind.entry_missed: (15, 0),
}


@dataclass(frozen=True)
class Threshold:
    threshold: float
    escalate_minutes: int
    enabled: bool = True


@dataclass
class Finding:
    key: str
    station_id: int | None
    unit_id: int | None
    message: str
    details: dict = field(default_factory=dict)


RuleFor = Callable[[str, Station], Threshold]


def dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _stations(now: datetime) -> list[Station]:
    day = now.date()
    return [s for s in db.session.scalars(select(Station).order_by(Station.id))
            if s.exists_on(day)]


def station_unit_id(station: Station, day: date) -> int | None:
    for term in station.unit_terms:
        if term.covers(day):
            return term.unit_id
    return None


def _finding(kind: str, station: Station, now: datetime, message: str, suffix: str = "",
             **details) -> Finding:
    key = f"{kind}:station:{station.id}" + (f":{suffix}" if suffix else "")
    return Finding(key, station.id, station_unit_id(station, now.date()),
                   _("Trạm %(name)s: %(what)s", name=station.name, what=message), details)


def _health(station: Station) -> StationHealth | None:
    return db.session.get(StationHealth, station.id)


def _local(station: Station, now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(station.timezone))


def _window_open(window: BroadcastWindow, local: datetime) -> bool:
    for back in (0, 1):  # a window that started yesterday may still run past midnight
        day = local.date() - timedelta(days=back)
        if str(day.isoweekday()) not in window.weekdays:
            continue
        start = datetime.combine(day, window.start_time, local.tzinfo)
        if start <= local < start + timedelta(minutes=window.duration_min):
            return True
    return False


def station_silent(now: datetime, rule: RuleFor) -> list[Finding]:
    out = []
    for st in _stations(now):
        t = rule(AlertKind.station_silent, st)
        if not t.enabled or not st.windows:
            continue
        local = _local(st, now)
        if not any(_window_open(w, local) for w in st.windows):
            continue
        last = st.last_contact_at
        if last is None or now - last >= timedelta(minutes=t.threshold):
            since = _("chưa từng liên lạc") if last is None else _(
                "mất liên lạc từ %(at)s", at=f"{_local(st, last):%H:%M %d/%m/%Y}")
            out.append(_finding(AlertKind.station_silent, st, now,
                                _("%(since)s trong khung giờ phát.", since=since),
                                last_contact_at=last.isoformat() if last else None))
    return out


def dead_air(now: datetime, rule: RuleFor) -> list[Finding]:
    out = []
    for st in _stations(now):
        t, h = rule(AlertKind.dead_air, st), _health(st)
        if not t.enabled or h is None or h.player_state != "playing" or h.silence_s is None:
            continue
        if h.silence_s >= t.threshold:
            out.append(_finding(AlertKind.dead_air, st, now, _(
                "im lặng %(s)s giây khi đang phát “%(title)s”.", s=int(h.silence_s),
                title=h.now_playing), entry_id=h.now_entry_id, silence_s=h.silence_s))
    return out


def emergency_not_started(now: datetime, rule: RuleFor) -> list[Finding]:
    rows = db.session.execute(
        select(Airing, ScheduleEntry).join(ScheduleEntry, ScheduleEntry.id == Airing.entry_id)
        .where(ScheduleEntry.priority == Priority.emergency, ScheduleEntry.cancelled_at.is_(None),
               Airing.starts_at <= now, Airing.ends_at > now)).all()
    out = []
    for airing, entry in rows:
        st = db.session.get(Station, airing.station_id)
        t = rule(AlertKind.emergency_not_started, st)
        if not t.enabled or now < airing.starts_at + timedelta(seconds=t.threshold):
            continue
        started = db.session.scalar(select(EmergencyReceipt.id).where(
            EmergencyReceipt.entry_id == entry.id, EmergencyReceipt.station_id == st.id,
            EmergencyReceipt.started_at.is_not(None)).limit(1))
        if started is None:
            out.append(_finding(AlertKind.emergency_not_started, st, now, _(
                "tin khẩn cấp số %(id)s chưa phát sau %(s)s giây.", id=entry.id,
                s=int(t.threshold)), suffix=f"entry:{entry.id}", entry_id=entry.id))
    return out


def cache_not_ready(now: datetime, rule: RuleFor) -> list[Finding]:
    out = []
    for st in _stations(now):
        t, h = rule(AlertKind.cache_not_ready, st), _health(st)
        local = _local(st, now)
        if not t.enabled or h is None or local.hour * 60 + local.minute < t.threshold:
            continue
        tomorrow = local.date() + timedelta(days=1)
        missing = [m for m in (h.cache_missing or [])
                   if isinstance(m, dict) and m.get("day") == tomorrow.isoformat()]
        if missing or h.cache_ready is False:
            out.append(_finding(AlertKind.cache_not_ready, st, now, _(
                "chưa tải đủ âm thanh ngày %(day)s (thiếu %(n)s mục).", day=dmy(tomorrow),
                n=len(missing)), day=tomorrow.isoformat(), missing=len(missing)))
    return out


def low_disk(now: datetime, rule: RuleFor) -> list[Finding]:
    out = []
    for st in _stations(now):
        t, h = rule(AlertKind.low_disk, st), _health(st)
        if t.enabled and h is not None and h.free_disk_bytes is not None \
                and h.free_disk_bytes < t.threshold:
            out.append(_finding(AlertKind.low_disk, st, now, _(
                "ổ đĩa chỉ còn %(mb)s MB trống.", mb=h.free_disk_bytes // (1024 * 1024)),
                free_disk_bytes=h.free_disk_bytes))
    return out


def clock_off(now: datetime, rule: RuleFor) -> list[Finding]:
    out = []
    for st in _stations(now):
        t, h = rule(AlertKind.clock_off, st), _health(st)
        if t.enabled and h is not None and h.clock_offset_s is not None \
                and abs(h.clock_offset_s) > t.threshold:
            out.append(_finding(AlertKind.clock_off, st, now, _(
                "đồng hồ lệch %(s)s giây.", s=_signed(h.clock_offset_s)),
                offset_s=h.clock_offset_s))
    return out


def entry_missed(now: datetime, rule: RuleFor) -> list[Finding]:
    """Airings of the last day that the one compliance rule calls missed."""
    airings = db.session.scalars(
        select(Airing).options(joinedload(Airing.entry))
        .where(Airing.ends_at <= now, Airing.ends_at > now - timedelta(days=1))
        .order_by(Airing.starts_at)).all()
    reported: dict[int, list] = {}
    ids = [a.id for a in airings]
    for chunk in range(0, len(ids), 900):
        part = ids[chunk:chunk + 900]
        for aid, status in db.session.execute(select(AsRunEvent.airing_id, AsRunEvent.status)
                                              .where(AsRunEvent.airing_id.in_(part))):
            reported.setdefault(aid, []).append(status)
    out = []
    for airing in airings:
        st = db.session.get(Station, airing.station_id)
        t = rule(AlertKind.entry_missed, st)
        if not t.enabled:
            continue
        statuses = reported.get(airing.id, [])
        if state_of(airing, statuses, now, timedelta(minutes=t.threshold)) != MISSED:
            continue
        start = _local(st, airing.starts_at)
        out.append(_finding(AlertKind.entry_missed, st, now, _(
            "không phát mục số %(id)s lúc %(at)s.", id=airing.entry_id,
            at=f"{start:%H:%M} {dmy(start.date())}"), suffix=f"airing:{airing.id}",
            entry_id=airing.entry_id, airing_id=airing.id))
    return out


CHECKS: dict[str, Callable[[datetime, RuleFor], list[Finding]]] = {
    AlertKind.station_silent: station_silent,
    AlertKind.dead_air: dead_air,
    AlertKind.emergency_not_started: emergency_not_started,
    AlertKind.cache_not_ready: cache_not_ready,
    AlertKind.low_disk: low_disk,
    AlertKind.clock_off: clock_off,
    AlertKind.entry_missed: entry_missed,
}


def _signed(value: float) -> str:
    """+30,2 / −1,5: the offset with its sign, written as the page's language writes numbers."""
    return ("+" if value >= 0 else "-") + number(abs(value), 1)
