"""A month at a glance: per local day, how many entries were planned and how the past ones went
(aired, failed), for one station, some stations (a user's scope) or the whole network."""

from __future__ import annotations

import calendar as cal
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from radio.db import db
from radio.models import AsRunEvent, Priority, ScheduleEntry


@dataclass
class DayCount:
    day: date
    planned: int = 0
    emergency: int = 0
    aired: int = 0
    failed: int = 0

    def status(self, today: date) -> str:
        """empty, planned (future), emergency, done, short (past, fewer aired than planned)."""
        if not self.planned and not self.aired:
            return "empty"
        if self.emergency:
            return "emergency"
        if self.day >= today:
            return "planned"
        return "done" if self.aired >= self.planned and not self.failed else "short"


def month_days(first: date) -> list[date]:
    last = cal.monthrange(first.year, first.month)[1]
    return [first.replace(day=n) for n in range(1, last + 1)]


def month_counts(first: date, tz: ZoneInfo,
                 station_ids: Iterable[int] | None = None) -> list[DayCount]:
    """The month's days with their counts over `station_ids` (None: every station)."""
    days = month_days(first)
    start = datetime.combine(days[0], time(0), tz).astimezone(UTC)
    end = datetime.combine(days[-1] + timedelta(days=1), time(0), tz).astimezone(UTC)
    counts = {d: DayCount(d) for d in days}
    q = select(ScheduleEntry.starts_at, ScheduleEntry.priority).where(
        ScheduleEntry.starts_at >= start, ScheduleEntry.starts_at < end,
        ScheduleEntry.cancelled_at.is_(None), ScheduleEntry.superseded_by_id.is_(None))
    a = select(AsRunEvent.started_at, AsRunEvent.status).where(
        AsRunEvent.started_at >= start, AsRunEvent.started_at < end)
    if station_ids is not None:
        ids = sorted(set(station_ids))
        q = q.where(ScheduleEntry.station_id.in_(ids))
        a = a.where(AsRunEvent.station_id.in_(ids))
    for at, priority in db.session.execute(q):
        c = counts[at.astimezone(tz).date()]
        c.planned += 1
        c.emergency += priority == Priority.emergency
    by_status: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for at, status in db.session.execute(a):
        by_status[at.astimezone(tz).date()][str(getattr(status, "value", status))] += 1
    for day, seen in by_status.items():
        counts[day].aired = seen["aired"] + seen["partial"]
        counts[day].failed = seen["failed"]
    return [counts[d] for d in days]


def weeks(days: list[DayCount]) -> list[list[DayCount | None]]:
    """Monday-first rows of the month grid, padded with None."""
    lead = days[0].day.weekday()
    cells: list[DayCount | None] = [None] * lead + list(days)
    cells += [None] * (-len(cells) % 7)
    return [cells[i:i + 7] for i in range(0, len(cells), 7)]
