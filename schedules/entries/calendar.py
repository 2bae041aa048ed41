"""Calendar reads: the blocks of a station's day (entries and gaps in its windows), weeks,
the network view (all stations × one day) and an iCalendar feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from radio import clock
from radio.db import db
from radio.models import EntryKind, Occurrence, ScheduleEntry, Station
from schedules.entries.util import entry_title


@dataclass(frozen=True)
class Block:
    starts_at: datetime  # local
    ends_at: datetime
    title: str
    kind: str  # item | programme | relay | live | gap
    priority: str = "normal"
    entry_id: int | None = None
    occurrence_id: int | None = None
    cancelled: bool = False
    # The names of the loudspeaker clusters it is for; empty: the whole station.
    clusters: tuple[str, ...] = ()

    @property
    def minutes(self) -> int:
        return round((self.ends_at - self.starts_at).total_seconds() / 60)


def windows_on(station: Station, day: date, tz: ZoneInfo) -> list[tuple[datetime, datetime]]:
    out = []
    for w in station.windows:
        if str(day.isoweekday()) in (w.weekdays or "1234567"):
            start = datetime.combine(day, w.start_time, tzinfo=tz)
            out.append((start, start + timedelta(minutes=w.duration_min)))
    return sorted(out)


def gaps(windows: list[tuple[datetime, datetime]], busy: list[tuple[datetime, datetime]],
         min_minutes: int = 1) -> list[tuple[datetime, datetime]]:
    """Parts of the windows that nothing covers (pure)."""
    out = []
    busy = sorted(busy)
    for w_start, w_end in windows:
        cursor = w_start
        for b_start, b_end in busy:
            if b_end <= cursor or b_start >= w_end:
                continue
            if b_start > cursor:
                out.append((cursor, b_start))
            cursor = max(cursor, b_end)
        if cursor < w_end:
            out.append((cursor, w_end))
    return [(a, b) for a, b in out if (b - a) >= timedelta(minutes=min_minutes)]


def _entries(station_ids: list[int], start: datetime, end: datetime) -> list[ScheduleEntry]:
    return list(db.session.scalars(
        select(ScheduleEntry)
        .where(ScheduleEntry.station_id.in_(station_ids), ScheduleEntry.starts_at < end,
               ScheduleEntry.ends_at > start)
        .options(selectinload(ScheduleEntry.media_item), selectinload(ScheduleEntry.relay_station),
                 selectinload(ScheduleEntry.clusters),
                 selectinload(ScheduleEntry.occurrence).selectinload(Occurrence.programme))
        .order_by(ScheduleEntry.starts_at, ScheduleEntry.id)))


def _cluster_names(entry: ScheduleEntry) -> tuple[str, ...]:
    """An emergency reaches every cluster, as in the playlist (schedules/playlists/builder.py)."""
    if entry.priority.value == "emergency":
        return ()
    return tuple(c.name for c in entry.clusters)


def blocks_for(station: Station, day: date, tz: ZoneInfo,
               entries: list[ScheduleEntry]) -> list[Block]:
    start, end = clock.local_day_bounds(day, tz)
    blocks = []
    busy = []
    for e in entries:
        s, t = e.starts_at.astimezone(tz), e.ends_at.astimezone(tz)
        if not (s < end and t > start):
            continue
        blocks.append(Block(s, t, entry_title(e), e.kind.value, e.priority.value, e.id,
                            e.occurrence_id, e.cancelled_at is not None,
                            _cluster_names(e)))
        if e.cancelled_at is None:
            busy.append((s, t))
    for a, b in gaps(windows_on(station, day, tz), busy):
        blocks.append(Block(a, b, "", "gap"))
    return sorted(blocks, key=lambda b: (b.starts_at, b.kind == "gap", b.entry_id or 0))


def week(station: Station, monday: date, tz: ZoneInfo) -> list[tuple[date, list[Block]]]:
    start, end = clock.local_day_bounds(monday, tz, days=7)
    entries = _entries([station.id], start.astimezone(UTC), end.astimezone(UTC))
    return [(monday + timedelta(days=i), blocks_for(station, monday + timedelta(days=i), tz,
                                                    entries)) for i in range(7)]


def network_day(stations: list[Station], day: date, tz: ZoneInfo) -> list[tuple[Station, list[Block]]]:
    start, end = clock.local_day_bounds(day, tz)
    by_station: dict[int, list[ScheduleEntry]] = {}
    for e in _entries([s.id for s in stations], start.astimezone(UTC), end.astimezone(UTC)):
        by_station.setdefault(e.station_id, []).append(e)
    return [(s, blocks_for(s, day, tz, by_station.get(s.id, []))) for s in stations]


# -- iCalendar (RFC 5545) ----------------------------------------------------------------------

def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (never inside a UTF-8 sequence)."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for ch in line:
        b = ch.encode()
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += b
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _stamp(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


PRIORITY_NAMES = {"normal": "Thông thường", "priority": "Ưu tiên", "emergency": "Khẩn cấp"}


def ical(station: Station, start: datetime, end: datetime, *, host: str = "district-radio") -> str:
    """The station's entries in [start, end) as an iCalendar feed (UTC times)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//district-radio//lich phat//VI",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_escape('Lịch phát ' + station.name)}",
             f"X-WR-TIMEZONE:{clock.zone().key}"]
    for e in _entries([station.id], start, end):
        if e.cancelled_at is not None and e.kind != EntryKind.item:
            continue
        lines += [
            "BEGIN:VEVENT",
            f"UID:entry-{e.id}@{host}",
            f"DTSTAMP:{_stamp(e.created_at)}",
            f"DTSTART:{_stamp(e.starts_at)}",
            f"DTEND:{_stamp(e.ends_at)}",
            f"SUMMARY:{_escape(entry_title(e))}",
            f"CATEGORIES:{_escape(PRIORITY_NAMES.get(e.priority.value, e.priority.value))}",
            f"STATUS:{'CANCELLED' if e.cancelled_at else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
