"""Reads behind the auditor pages: a station's calendar, a day, topics, agencies, an item's
evidence card and search. Reads only; nothing here writes."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, literal, or_, select

from radio.archive import airing_rows
from radio.archive.airing_rows import AiringRow
from radio.archive.periods import Period
from radio.asrun.reconcile import grace_period
from radio.clock import zone
from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import (
    Airing,
    AsRunEvent,
    AsRunStatus,
    Attachment,
    AuditEntry,
    MediaItem,
    ScheduleEntry,
    Station,
)
from radio.models.airing import WITHDRAWN
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
    """Per local day of the period: airings scheduled (each repeat counts) and plays aired
    (aired or partial)."""
    tz = zone()
    start, end = period.bounds(tz)
    cells = {d: DayCell(d) for d in period.dates()}
    for (started,) in db.session.execute(
            select(Airing.starts_at).join(ScheduleEntry, ScheduleEntry.id == Airing.entry_id)
            .where(Airing.station_id == station.id, Airing.starts_at >= start,
                   Airing.starts_at < end, Airing.status.not_in(WITHDRAWN),
                   or_(ScheduleEntry.cancelled_at.is_(None),
                       Airing.starts_at < ScheduleEntry.cancelled_at),
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


def station_day(station: Station, day: date, *, now: datetime) -> list[AiringRow]:
    """A station's local day, one row per airing (each repeat of an emergency on its own)."""
    start = datetime.combine(day, time(0), zone())
    return airing_rows.station_day(station, start, start + timedelta(days=1), now=now,
                                   grace=grace_period())


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
    audit: list[AuditEntry] = field(default_factory=list)
    airings: list[AiringRow] = field(default_factory=list)  # one row per airing, in time order
    attachments: list[Attachment] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # per station: (station, plays aired or partial, other reports, first, last)
    by_station: list[tuple] = field(default_factory=list)
    total_events: int = 0
    total_airings: int = 0


def evidence(item_id: int, period: Period | None = None, *, limit: int | None = 300,
             now: datetime | None = None) -> Evidence:
    """The evidence card of an item: where and when it aired, who scheduled it, its history.
    With `now`, also every airing of the item with its own state and events (`airings`, the
    first `limit` of `total_airings`)."""
    item = db.session.get(MediaItem, item_id)
    if item is None:
        raise NotFound(_("Không có tin/bài số %(id)s.", id=item_id), "item_not_found")
    conds = [AsRunEvent.media_item_id == item_id]
    if period is not None:
        start, end = period.bounds(zone())
        conds += [AsRunEvent.started_at >= start, AsRunEvent.started_at < end]
    rows = db.session.execute(
        select(AsRunEvent.status, AsRunEvent.started_at, Station)
        .join(Station, Station.id == AsRunEvent.station_id)
        .where(*conds).order_by(AsRunEvent.started_at, Station.name)).all()
    ev = Evidence(item)
    counts: dict[str, int] = defaultdict(int)
    per_station: dict[int, list] = {}
    for status, started_at, station in rows:
        counts[status.value] += 1
        row = per_station.setdefault(station.id, [station, 0, 0, started_at, None])
        row[1 if status in AIRED else 2] += 1
        row[4] = started_at
    ev.counts = dict(counts)
    if now is not None:
        span = period.bounds(zone()) if period is not None else (None, None)
        rows_all = airing_rows.item_airings(item_id, *span, now=now, grace=grace_period())
        ev.airings = rows_all if limit is None else rows_all[:limit]
        ev.total_airings = len(rows_all)
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
