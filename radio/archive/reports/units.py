"""A period's figures by administrative unit, in two views. Reads only.

- units_then: each day's figures under the unit each station served that day (radio.archive
  .unit_map), so a year across 1/7/2025 shows the former communes before and the merged
  communes after;
- units_now: the same figures folded into today's units (predecessors summed into their
  successor), with the mapping from the one to the other.

The views exist only for a period across a change (a station's unit changes inside it, or a
lineage line takes effect inside it), so a report of a period before the first change keeps the
bytes it always had; the web page may ask for them anyway (`force`) when stations have units.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from radio import clock
from radio.archive.periods import Period
from radio.archive.reports.live import live_events
from radio.archive.unit_map import Label, Lineage, label_of, segments, station_label
from radio.asrun.compliance import figures
from radio.asrun.reconcile import grace_period
from radio.db import db
from radio.models import AdminUnit, AsRunEvent, AsRunStatus, MediaItem, Station, UnitLineage
from radio.units.queries import terms_by_station

AIRED = (AsRunStatus.aired, AsRunStatus.partial)
COUNTS = ("broadcasts", "partial", "scheduled", "aired_scheduled", "missed", "manual",
          "emergency_sent", "emergency_aired", "emergency_missed")


@dataclass
class UnitRow:
    label: Label
    first_day: date
    last_day: date
    stations: list[str] = field(default_factory=list)  # station names, in order met
    editions: set[date] = field(default_factory=set)  # valid_from of the unit rows counted
    units: list[AdminUnit] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # units_now: names of the units folded in
    days: set[date] = field(default_factory=set)
    broadcasts: int = 0
    minutes: float = 0.0
    partial: int = 0
    scheduled: int = 0
    aired_scheduled: int = 0
    missed: int = 0
    manual: int = 0
    emergency_sent: int = 0
    emergency_aired: int = 0
    emergency_missed: int = 0
    live_minutes: float = 0.0

    @property
    def days_aired(self) -> int:
        return len(self.days)

    @property
    def compliance(self) -> float | None:
        return round(100.0 * self.aired_scheduled / self.scheduled, 1) if self.scheduled else None

    def add(self, other: UnitRow) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.minutes += other.minutes
        self.live_minutes += other.live_minutes
        self.days |= other.days
        self.first_day = min(self.first_day, other.first_day)
        self.last_day = max(self.last_day, other.last_day)
        for name in other.stations:
            if name not in self.stations:
                self.stations.append(name)


@dataclass
class MapRow:
    then: UnitRow
    now: Label
    now_edition: date | None
    path: list[UnitLineage]
    split: bool = False


@dataclass
class UnitViews:
    target: date  # today's units are the editions valid on this day
    then: list[UnitRow]
    now: list[UnitRow]
    mapping: list[MapRow]
    lineage: list[UnitLineage]  # every line followed
    crosses: bool

    @property
    def editions(self) -> list[date]:
        days = set()
        for row in self.then:
            days |= row.editions
        days |= {m.now_edition for m in self.mapping if m.now_edition is not None}
        return sorted(days)


def _minutes(started: datetime, ended: datetime | None, duration_s: float | None) -> float:
    if ended is not None and ended >= started:
        return (ended - started).total_seconds() / 60.0
    return (duration_s or 0.0) / 60.0


def build_unit_views(period: Period, tz, stations: list[Station], *,
                     force: bool = False) -> UnitViews | None:
    """The two views, or None: when no station has a unit in the period, or (unless `force`)
    when the period does not cross a change."""
    terms = terms_by_station([s.id for s in stations])
    segs = segments(period, stations, terms)
    served = {u.id: u for seg in segs for u in seg.units.values() if u is not None}
    if not served:
        return None
    lineage = Lineage()
    crosses = bool(lineage.changes_within(period, set(served))) or _station_changes(segs)
    if not crosses and not force:
        return None
    target = max(period.end, clock.today(tz))
    by_id = {s.id: s for s in stations}
    rows: dict[str, UnitRow] = {}
    cell: dict[tuple[int, int], UnitRow] = {}  # (segment, station id) → its row
    for i, seg in enumerate(segs):
        for sid, unit in seg.units.items():
            label = label_of(unit) if unit is not None else station_label(by_id[sid])
            row = rows.get(label.key)
            if row is None:
                row = rows[label.key] = UnitRow(label, seg.start, seg.end)
            row.first_day, row.last_day = min(row.first_day, seg.start), max(row.last_day, seg.end)
            if by_id[sid].name not in row.stations:
                row.stations.append(by_id[sid].name)
            if unit is not None:
                row.editions.add(unit.valid_from)
                if unit not in row.units:
                    row.units.append(unit)
            cell[(i, sid)] = row
    _count(period, tz, segs, cell)
    then = sorted(rows.values(), key=lambda r: (r.first_day, r.label.station, r.label.name))
    now_rows: dict[str, UnitRow] = {}
    mapping, used = [], {}
    for row in then:
        if row.label.station or not row.units:
            now_label, edition, path, split = row.label, None, [], False
        else:
            latest = max(row.units, key=lambda u: u.valid_from)
            res = lineage.resolve(latest, target)
            now_label, edition, path, split = label_of(res.unit), res.unit.valid_from, \
                res.path, res.split
        mapping.append(MapRow(row, now_label, edition, path, split))
        for line in path:
            used[line.id] = line
        folded = now_rows.get(now_label.key)
        if folded is None:
            folded = now_rows[now_label.key] = UnitRow(now_label, row.first_day, row.last_day)
            folded.editions = {edition} if edition else set()
        folded.add(row)
        folded.parts.append(row.label.name)
    for row in list(rows.values()) + list(now_rows.values()):
        row.minutes, row.live_minutes = round(row.minutes, 1), round(row.live_minutes, 1)
    now = sorted(now_rows.values(), key=lambda r: (r.label.station, r.label.name))
    return UnitViews(target, then, now, mapping,
                     sorted(used.values(), key=lambda r: (r.effective_on, r.id)), crosses)


def _station_changes(segs) -> bool:
    """Some station served one unit and then another inside the period."""
    seen: dict[int, int] = {}
    for seg in segs:
        for sid, unit in seg.units.items():
            if unit is None:
                continue
            if seen.setdefault(sid, unit.id) != unit.id:
                return True
    return False


def _count(period: Period, tz, segs, cell: dict[tuple[int, int], UnitRow]) -> None:
    """Broadcasts, minutes, aired days, live minutes and scheduled-vs-aired, each counted in
    the row of the unit its station served on the day it happened."""
    start, end = period.bounds(tz)
    starts = [s.start for s in segs]
    ids = sorted({sid for (_i, sid) in cell})

    def row_at(sid: int, started: datetime) -> UnitRow | None:
        day = started.astimezone(tz).date()
        return cell.get((bisect.bisect_right(starts, day) - 1, sid))

    stmt = (select(AsRunEvent.station_id, AsRunEvent.started_at, AsRunEvent.ended_at,
                   AsRunEvent.status, MediaItem.duration_s)
            .outerjoin(MediaItem, MediaItem.id == AsRunEvent.media_item_id)
            .where(AsRunEvent.started_at >= start, AsRunEvent.started_at < end,
                   AsRunEvent.status.in_(AIRED))
            .execution_options(yield_per=2000))
    for sid, started, ended, status, duration in db.session.execute(stmt):
        row = row_at(sid, started)
        if row is None:
            continue
        row.broadcasts += 1
        row.minutes += _minutes(started, ended, duration)
        row.partial += status == AsRunStatus.partial
        row.days.add(started.astimezone(tz).date())
    for sid, started, ended, duration in live_events(ids, start, end):
        row = row_at(sid, started)
        if row is not None:
            row.live_minutes += _minutes(started, ended, duration)
    now = clock.now()
    for i, seg in enumerate(segs):
        seg_start = Period.between(seg.start, seg.end).bounds(tz)
        if seg_start[0] >= now:
            continue
        got = figures(list(seg.units), seg_start[0], min(seg_start[1], now), now=now,
                      grace=grace_period())
        for sid, f in got.items():
            row = cell.get((i, sid))
            if row is None:
                continue
            row.scheduled += f.scheduled
            row.aired_scheduled += f.aired + f.partial
            row.missed += f.missed
            row.manual += f.manual + f.emergency_manual
            row.emergency_sent += f.emergency_sent
            row.emergency_aired += f.emergency_aired
            row.emergency_missed += f.emergency_missed


def manifest_units(views: UnitViews) -> dict:
    """What manifest.json records: the editions and the lineage used for the two views."""
    def unit(u: AdminUnit) -> dict:
        return {"code": u.code, "edition": u.valid_from.isoformat(), "name": u.name}

    return {
        "views": ["units_then", "units_now"],
        "today_units_on": views.target.isoformat(),
        "editions": [d.isoformat() for d in views.editions],
        "units_then": [{"code": r.label.code, "name": r.label.name,
                        "editions": sorted(d.isoformat() for d in r.editions),
                        "station": r.label.station, "first_day": r.first_day.isoformat(),
                        "last_day": r.last_day.isoformat()} for r in views.then],
        "mapping": [{"then": m.then.label.code, "then_name": m.then.label.name,
                     "now": m.now.code, "now_name": m.now.name,
                     "now_edition": m.now_edition.isoformat() if m.now_edition else None,
                     "split": m.split} for m in views.mapping],
        "lineage": [{"predecessor": unit(r.predecessor), "successor": unit(r.successor),
                     "effective_on": r.effective_on.isoformat(), "kind": r.kind,
                     "source": r.source} for r in views.lineage],
    }
