"""Reads behind the auditor pages: a station's calendar, a day, topics, agencies, an item's
evidence card and search. Reads only; nothing here writes."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, literal, or_, select

from radio.archive.periods import Period
from radio.clock import zone
from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import (
    AsRunEvent,
    AsRunStatus,
    Attachment,
    AuditEntry,
    MediaItem,
    ScheduleEntry,
    Station,
    User,
)
from radio.models.schedule_entry import RELAYED

AIRED = (AsRunStatus.aired, AsRunStatus.partial)


@dataclass
class DayCell:
    day: date
    scheduled: int = 0
    aired: int = 0
    failed: int = 0

    @property
    def state(self) -> str:
        """aired: everything planned aired; some: part of it; missed: nothing; none: no plan."""
        if self.scheduled == 0:
            return "aired" if self.aired else "none"
        if self.aired >= self.scheduled:
            return "aired"
        return "some" if self.aired else "missed"


def station_calendar(station: Station, period: Period) -> list[DayCell]:
    """Per local day of the period: plays scheduled and plays aired (aired or partial)."""
    tz = zone()
    start, end = period.bounds(tz)
    cells = {d: DayCell(d) for d in period.dates()}
    for (started,) in db.session.execute(
            select(ScheduleEntry.starts_at).where(
                ScheduleEntry.station_id == station.id, ScheduleEntry.starts_at >= start,
                ScheduleEntry.starts_at < end, ScheduleEntry.cancelled_at.is_(None),
                ScheduleEntry.kind.not_in(RELAYED))):
        cell = cells.get(started.astimezone(tz).date())
        if cell:
            cell.scheduled += 1
    for started, status in db.session.execute(
            select(AsRunEvent.started_at, AsRunEvent.status).where(
                AsRunEvent.station_id == station.id, AsRunEvent.started_at >= start,
                AsRunEvent.started_at < end)):
        cell = cells.get(started.astimezone(tz).date())
        if cell is None:
            continue
        if status in AIRED:
            cell.aired += 1
        else:
            cell.failed += 1
    return [cells[d] for d in sorted(cells)]


def calendar_months(cells: list[DayCell]) -> list[tuple[str, list[list[DayCell | None]]]]:
    """Group day cells into month grids (weeks from Monday) for the calendar view."""
    months: dict[tuple[int, int], list[DayCell]] = defaultdict(list)
    for cell in cells:
        months[(cell.day.year, cell.day.month)].append(cell)
    out = []
    for (y, m), month_cells in sorted(months.items()):
        weeks: list[list[DayCell | None]] = []
        week: list[DayCell | None] = [None] * month_cells[0].day.weekday()
        for cell in month_cells:
            week.append(cell)
            if len(week) == 7:
                weeks.append(week)
                week = []
        if week:
            weeks.append(week + [None] * (7 - len(week)))
        out.append((f"{m:02d}/{y}", weeks))
    return out


@dataclass
class DayRow:
    """One line of a station's day: an as-run event, or a scheduled play nobody reported."""

    time: datetime
    title: str
    status: str  # aired | partial | skipped | failed | unreported
    scheduled_at: datetime | None = None
    ended_at: datetime | None = None
    item_id: int | None = None
    event: AsRunEvent | None = None


def station_day(station: Station, day: date) -> list[DayRow]:
    tz = zone()
    start = datetime.combine(day, time(0), tz)
    end = start + timedelta(days=1)
    events = db.session.scalars(select(AsRunEvent).where(
        AsRunEvent.station_id == station.id, AsRunEvent.started_at >= start,
        AsRunEvent.started_at < end).order_by(AsRunEvent.started_at, AsRunEvent.seq)).all()
    rows = [DayRow(e.started_at, e.title, e.status.value, e.scheduled_at, e.ended_at,
                   e.media_item_id, e) for e in events]
    reported = {e.entry_id for e in events if e.entry_id}
    for entry in db.session.scalars(select(ScheduleEntry).where(
            ScheduleEntry.station_id == station.id, ScheduleEntry.starts_at >= start,
            ScheduleEntry.starts_at < end, ScheduleEntry.cancelled_at.is_(None),
            ScheduleEntry.kind.not_in(RELAYED))):
        if entry.id in reported:
            continue
        title = entry.media_item.title if entry.media_item else (
            entry.occurrence.programme.name if entry.occurrence else "")
        rows.append(DayRow(entry.starts_at, title, "unreported", entry.starts_at, None,
                           entry.media_item_id))
    return sorted(rows, key=lambda r: r.time)


@dataclass
class ItemCount:
    item_id: int | None
    title: str
    broadcasts: int
    stations: int
    first: datetime
    last: datetime


def _topic_match(slug: str):
    haystack = literal(",") + AsRunEvent.topic_slugs + literal(",")
    return haystack.like(f"%,{slug},%")


def items_aired(period: Period, *, topic: str | None = None, agency: str | None = None,
                station: Station | None = None) -> list[ItemCount]:
    """Items aired in the period (aired or partial), optionally of one topic/agency/station."""
    start, end = period.bounds(zone())
    conds = [AsRunEvent.started_at >= start, AsRunEvent.started_at < end,
             AsRunEvent.status.in_(AIRED)]
    if topic:
        conds.append(_topic_match(topic))
    if agency is not None:
        conds.append(AsRunEvent.agency_name == agency)
    if station is not None:
        conds.append(AsRunEvent.station_id == station.id)
    stmt = (select(AsRunEvent.media_item_id, func.max(AsRunEvent.title), func.count(),
                   func.count(AsRunEvent.station_id.distinct()), func.min(AsRunEvent.started_at),
                   func.max(AsRunEvent.started_at))
            .where(*conds).group_by(AsRunEvent.media_item_id))
    rows = [ItemCount(*r) for r in db.session.execute(stmt)]
    return sorted(rows, key=lambda r: (-r.broadcasts, r.title))


@dataclass
class Evidence:
    item: MediaItem
    events: list[tuple[AsRunEvent, Station, str]] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # per station: (station, plays aired or partial, other reports, first, last)
    by_station: list[tuple] = field(default_factory=list)
    total_events: int = 0


def evidence(item_id: int, period: Period | None = None, *, limit: int | None = 300) -> Evidence:
    """The evidence card of an item: where and when it aired, who scheduled it, its history."""
    item = db.session.get(MediaItem, item_id)
    if item is None:
        raise NotFound(_("Không có tin/bài số %(id)s.", id=item_id), "item_not_found")
    conds = [AsRunEvent.media_item_id == item_id]
    if period is not None:
        start, end = period.bounds(zone())
        conds += [AsRunEvent.started_at >= start, AsRunEvent.started_at < end]
    rows = db.session.execute(
        select(AsRunEvent, Station, User.username)
        .join(Station, Station.id == AsRunEvent.station_id)
        .outerjoin(ScheduleEntry, ScheduleEntry.id == AsRunEvent.entry_id)
        .outerjoin(User, User.id == ScheduleEntry.created_by_id)
        .where(*conds).order_by(AsRunEvent.started_at, Station.name)).all()
    ev = Evidence(item)
    counts: dict[str, int] = defaultdict(int)
    per_station: dict[int, list] = {}
    for event, station, username in rows:
        if limit is None or len(ev.events) < limit:
            ev.events.append((event, station, username or ""))
        counts[event.status.value] += 1
        row = per_station.setdefault(station.id, [station, 0, 0, event.started_at, None])
        row[1 if event.status in AIRED else 2] += 1
        row[4] = event.started_at
    ev.counts = dict(counts)
    ev.total_events = len(rows)
    ev.by_station = sorted((tuple(r) for r in per_station.values()),
                           key=lambda r: (r[0].kind.value != "district", r[0].name))
    batches = {b for (b,) in db.session.execute(
        select(ScheduleEntry.batch_id).where(
            ScheduleEntry.media_item_id == item_id, ScheduleEntry.batch_id.is_not(None))
        .distinct())}
    trail = [and_(AuditEntry.object_type.in_(("media_item", "media")),
                  AuditEntry.object_id == str(item_id))]
    if batches:
        trail.append(and_(AuditEntry.object_type == "schedule_batch",
                          AuditEntry.object_id.in_(batches)))
    trail.append(and_(AuditEntry.object_type == "attachment",
                      AuditEntry.object_id.like(f"{item_id}/%")))
    ev.audit = list(db.session.scalars(select(AuditEntry).where(or_(*trail))
                                       .order_by(AuditEntry.at, AuditEntry.id).limit(500)))
    ev.attachments = list(db.session.scalars(select(Attachment).where(
        Attachment.media_item_id == item_id).order_by(Attachment.id)))
    return ev


def fold(text: str) -> str:
    """Lower-case without diacritics, so “cai cach” finds “Cải cách”."""
    text = (text or "").replace("đ", "d").replace("Đ", "D").lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def search_items(query: str, limit: int = 100) -> list[tuple[MediaItem, str]]:
    """Items whose title or transcript contains every word of the query (accent-insensitive).

    Returns (item, where) with where = "title" or "transcript". Scans id/title/summary in chunks;
    a district library holds thousands of items, not millions.
    """
    words = fold(query).split()
    if not words:
        return []
    hits: list[tuple[int, str]] = []
    stmt = (select(MediaItem.id, MediaItem.title, MediaItem.summary).order_by(MediaItem.id.desc())
            .execution_options(yield_per=2000))
    for item_id, title, summary in db.session.execute(stmt):
        t, s = fold(title), fold(summary)
        if all(w in t for w in words):
            hits.append((item_id, "title"))
        elif all(w in t or w in s for w in words):
            hits.append((item_id, "transcript"))
        if len(hits) >= limit:
            break
    if not hits:
        return []
    items = {i.id: i for i in db.session.scalars(select(MediaItem).where(
        MediaItem.id.in_([h[0] for h in hits])))}
    return [(items[i], where) for i, where in hits if i in items]


def aired_counts(item_ids: list[int]) -> dict[int, int]:
    if not item_ids:
        return {}
    return dict(db.session.execute(
        select(AsRunEvent.media_item_id, func.count()).where(
            AsRunEvent.media_item_id.in_(item_ids), AsRunEvent.status.in_(AIRED))
        .group_by(AsRunEvent.media_item_id)).all())
