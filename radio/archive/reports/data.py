"""Report data for a period: broadcasts and minutes per station, topic, agency and month,
scheduled vs aired per station, and the items aired or produced. Reads only.

A broadcast is an as-run event with status aired or partial that started inside the period
(local days of the station zone). Minutes are its actual length (ended − started), or the item's
duration when the station did not report an end. Topics and agencies are the copies the event
kept when it aired. An event whose item has several topics counts once under each topic. The
language is the item's (reports/languages.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from radio import clock
from radio.archive.periods import Period
from radio.archive.reports.languages import LanguageTally, language_names
from radio.archive.reports.live import live_events
from radio.archive.reports.units import UnitViews, build_unit_views
from radio.asrun.compliance import figures
from radio.asrun.reconcile import grace_period
from radio.clock import zone
from radio.db import db
from radio.models import (
    AsRunEvent,
    AsRunStatus,
    MediaItem,
    Station,
    Topic,
)

AIRED = (AsRunStatus.aired, AsRunStatus.partial)
NO_TOPIC = "—"


@dataclass
class Row:
    key: str
    name: str
    broadcasts: int = 0
    minutes: float = 0.0


@dataclass
class StationRow(Row):
    kind: str = ""
    scheduled: int = 0
    aired_scheduled: int = 0
    partial: int = 0
    missed: int = 0
    days_aired: int = 0
    manual: int = 0  # airings proven by a record an operator typed in
    emergency_sent: int = 0
    emergency_aired: int = 0
    emergency_missed: int = 0
    first_airing_s: float | None = None  # emergencies: mean time from sending to first airing
    live_minutes: float = 0.0  # aired live (phát trực tiếp): reports/live.py

    @property
    def compliance(self) -> float | None:
        """Share of scheduled plays that aired (aired or partial), 0–100, None if none planned."""
        return round(100.0 * self.aired_scheduled / self.scheduled, 1) if self.scheduled else None


@dataclass
class ItemRow:
    id: int
    title: str
    kind: str
    agency: str
    topics: str
    duration_s: float
    created_at: datetime
    first_aired: datetime | None = None
    broadcasts: int = 0
    minutes: float = 0.0
    stations: int = 0
    language: str = ""
    source_doc_number: str = ""
    source_doc_date: date | None = None


@dataclass
class ReportData:
    period: Period
    stations: list[StationRow] = field(default_factory=list)
    topics: list[Row] = field(default_factory=list)
    agencies: list[Row] = field(default_factory=list)
    months: list[Row] = field(default_factory=list)
    languages: list[Row] = field(default_factory=list)  # "Theo ngôn ngữ"
    items: list[ItemRow] = field(default_factory=list)
    # per station code → per month key → broadcasts (for the station × month table)
    station_months: dict[str, dict[str, int]] = field(default_factory=dict)
    # The figures by administrative unit (then and today), for a period across a change of
    # units (reports/units.py); None otherwise, and the report is what it always was.
    units: UnitViews | None = None

    @property
    def total_broadcasts(self) -> int:
        return sum(r.broadcasts for r in self.stations)

    @property
    def total_minutes(self) -> float:
        return round(sum(r.minutes for r in self.stations), 1)

    @property
    def total_live_minutes(self) -> float:
        return round(sum(r.live_minutes for r in self.stations), 1)

    @property
    def total_scheduled(self) -> int:
        return sum(r.scheduled for r in self.stations)

    @property
    def total_aired_scheduled(self) -> int:
        return sum(r.aired_scheduled for r in self.stations)

    @property
    def compliance(self) -> float | None:
        s = self.total_scheduled
        return round(100.0 * self.total_aired_scheduled / s, 1) if s else None


def _minutes(started: datetime, ended: datetime | None, duration_s: float | None) -> float:
    if ended is not None and ended >= started:
        return (ended - started).total_seconds() / 60.0
    return (duration_s or 0.0) / 60.0


def _stations_in(period: Period) -> list[Station]:
    rows = db.session.scalars(select(Station)).all()
    rows = [s for s in rows if s.valid_from <= period.end
            and (s.valid_to is None or s.valid_to >= period.start)]
    return sorted(rows, key=lambda s: (s.kind.value != "district", s.name))


def build_report(period: Period, tz=None, *, station_codes: list[str] | None = None,
                 unit_views: str = "crossing") -> ReportData:
    """`unit_views`: "crossing" (the unit views only for a period across a change of units),
    "always" (whenever stations have units: the web page) or "never"."""
    tz = zone(tz)
    start, end = period.bounds(tz)
    data = ReportData(period=period)
    stations = _stations_in(period)
    if station_codes:
        stations = [s for s in stations if s.code in station_codes]
    by_id = {s.id: StationRow(s.code, s.name, kind=s.kind.value) for s in stations}
    months = period.months()
    month_rows = [Row(m.key, m.name) for m in months]
    month_bounds = [m.bounds(tz) for m in months]
    topic_names = dict(db.session.execute(select(Topic.slug, Topic.name)).all())
    topic_order = {slug: i for i, slug in enumerate(
        db.session.scalars(select(Topic.slug).order_by(Topic.position)).all())}
    topics: dict[str, Row] = {}
    agencies: dict[str, Row] = {}
    items: dict[int, ItemRow] = {}
    item_stations: dict[int, set[int]] = defaultdict(set)
    station_days: dict[int, set] = defaultdict(set)
    station_months = {r.key: {m.key: 0 for m in months} for r in by_id.values()}

    stmt = (select(AsRunEvent.station_id, AsRunEvent.started_at, AsRunEvent.ended_at,
                   AsRunEvent.status, AsRunEvent.agency_name, AsRunEvent.topic_slugs,
                   AsRunEvent.media_item_id, MediaItem.duration_s, MediaItem.language)
            .outerjoin(MediaItem, MediaItem.id == AsRunEvent.media_item_id)
            .where(AsRunEvent.started_at >= start, AsRunEvent.started_at < end)
            .execution_options(yield_per=2000))
    languages = LanguageTally()
    for sid, started, ended, status, agency, slugs, item_id, duration, language in \
            db.session.execute(stmt):
        srow = by_id.get(sid)
        if srow is None:
            continue
        if status not in AIRED:
            continue
        minutes = _minutes(started, ended, duration)
        srow.broadcasts += 1
        srow.minutes += minutes
        languages.add(language, minutes)
        if status == AsRunStatus.partial:
            srow.partial += 1
        local_day = started.astimezone(tz).date()
        station_days[sid].add(local_day)
        for i, (ms, me) in enumerate(month_bounds):
            if ms <= started < me:
                month_rows[i].broadcasts += 1
                month_rows[i].minutes += minutes
                station_months[srow.key][months[i].key] += 1
                break
        for slug in [s for s in (slugs or "").split(",") if s] or [NO_TOPIC]:
            row = topics.setdefault(slug, Row(slug, topic_names.get(slug, slug)))
            row.broadcasts += 1
            row.minutes += minutes
        agency_key = agency or NO_TOPIC
        row = agencies.setdefault(agency_key, Row(agency_key, agency or NO_TOPIC))
        row.broadcasts += 1
        row.minutes += minutes
        if item_id is not None:
            item_stations[item_id].add(sid)
            item = items.get(item_id)
            if item is None:
                items[item_id] = item = ItemRow(item_id, "", "", "", "", 0.0, started)
            item.broadcasts += 1
            item.minutes += minutes
            if item.first_aired is None or started < item.first_aired:
                item.first_aired = started

    _compliance(by_id, start, end)
    for sid, started, ended, duration in live_events(list(by_id), start, end):
        by_id[sid].live_minutes += _minutes(started, ended, duration)
    _fill_items(items, item_stations, start, end)

    for srow in by_id.values():
        srow.minutes = round(srow.minutes, 1)
        srow.live_minutes = round(srow.live_minutes, 1)
    for sid, days in station_days.items():
        by_id[sid].days_aired = len(days)
    for row in list(topics.values()) + list(agencies.values()) + month_rows:
        row.minutes = round(row.minutes, 1)
    data.stations = list(by_id.values())
    data.topics = sorted(topics.values(), key=lambda r: (topic_order.get(r.key, 999), r.name))
    data.agencies = sorted(agencies.values(), key=lambda r: (-r.broadcasts, r.name))
    data.months = month_rows
    data.languages = languages.rows(lambda key, name, n, m: Row(key, name, n, m))
    data.items = sorted(items.values(), key=lambda r: (r.first_aired or r.created_at, r.id))
    data.station_months = station_months
    if unit_views != "never":
        data.units = build_unit_views(period, tz, stations, force=unit_views == "always")
    return data


def _compliance(by_id: dict[int, StationRow], start: datetime, end: datetime) -> None:
    """Scheduled airings vs aired, and emergencies apart: radio.asrun.compliance, the rule the
    operator pages use too."""
    now = clock.now()
    got = figures(list(by_id), start, min(end, now), now=now, grace=grace_period())
    for sid, f in got.items():
        row = by_id[sid]
        row.scheduled, row.aired_scheduled, row.missed = f.scheduled, f.aired + f.partial, f.missed
        row.manual = f.manual + f.emergency_manual
        row.emergency_sent, row.emergency_aired = f.emergency_sent, f.emergency_aired
        row.emergency_missed, row.first_airing_s = f.emergency_missed, f.first_airing_avg_s


def _fill_items(items: dict[int, ItemRow], item_stations, start: datetime, end: datetime) -> None:
    """Titles etc. of aired items, plus items produced (created) in the period that never aired."""
    produced = db.session.scalars(select(MediaItem.id).where(
        MediaItem.created_at >= start, MediaItem.created_at < end)).all()
    ids = set(items) | set(produced)
    if not ids:
        return
    names = language_names()
    for item in db.session.scalars(select(MediaItem).where(MediaItem.id.in_(ids))):
        if item.kind.value == "jingle" and item.id not in items:
            continue
        row = items.get(item.id) or ItemRow(item.id, "", "", "", "", 0.0, item.created_at)
        row.title = item.title
        row.kind = item.kind.value
        row.agency = item.agency.name if item.agency else ""
        row.topics = ", ".join(t.name for t in item.topics)
        row.duration_s = round(item.duration_s or 0.0, 1)
        row.created_at = item.created_at
        row.minutes = round(row.minutes, 1)
        row.stations = len(item_stations.get(item.id, ()))
        row.language = names.get(item.language, item.language)
        row.source_doc_number = item.source_doc_number
        row.source_doc_date = item.source_doc_date
        items[item.id] = row
    for key in [k for k, r in items.items() if not r.title and not r.kind]:
        items.pop(key)  # an event whose item row is gone; its copy stays in the as-run table
