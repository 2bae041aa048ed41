"""Compliance: the one rule the operator pages, the period reports, the XLSX and the
verification package all count with.

It counts airings, not entries: each repetition of an entry is its own broadcast.
- Scheduled: normal and priority airings already due (end plus grace in the past), neither
  cancelled nor superseded. Each is aired, partial or missed by its own as-run events.
- Emergencies are counted apart: airings sent, aired and missed, and the time from sending to
  the first airing.
- A cancelled or superseded airing (or one of a cancelled entry, from the cancellation on) is
  neither scheduled nor missed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from radio.db import db
from radio.models import Airing, AiringStatus, AsRunEvent, AsRunStatus, Priority, ScheduleEntry
from radio.models.airing import WITHDRAWN

AIRED, PARTIAL, MISSED, PENDING = "aired", "partial", "missed", "pending"


def airing_state(ends_at: datetime, statuses: list[AsRunStatus], now: datetime,
                 grace: timedelta) -> str:
    """aired, partial, missed or pending from the statuses reported for one airing (pure)."""
    if statuses:
        kinds = {AsRunStatus(s) for s in statuses}
        if kinds == {AsRunStatus.aired}:
            return AIRED
        if kinds & {AsRunStatus.aired, AsRunStatus.partial}:
            return PARTIAL
        return MISSED
    return PENDING if now < ends_at + grace else MISSED


CANCELLED, SUPERSEDED = "cancelled", "superseded"


def withdrawn(airing: Airing) -> str | None:
    """cancelled or superseded if the airing was withdrawn (or its entry cancelled before it
    started), else None."""
    if airing.status == AiringStatus.superseded:
        return SUPERSEDED
    if airing.status == AiringStatus.cancelled or (
            airing.entry.cancelled_at is not None
            and airing.starts_at >= airing.entry.cancelled_at):
        return CANCELLED
    return None


def state_of(airing: Airing, statuses: list[AsRunStatus], now: datetime,
             grace: timedelta) -> str:
    """The state shown for one airing: cancelled, superseded, or what its reports say."""
    return withdrawn(airing) or airing_state(airing.ends_at, statuses, now, grace)


@dataclass
class Figures:
    """One station's figures over a span."""

    scheduled: int = 0
    aired: int = 0
    partial: int = 0
    missed: int = 0
    manual: int = 0  # scheduled airings whose evidence was typed in by an operator
    emergency_sent: int = 0
    emergency_aired: int = 0
    emergency_missed: int = 0
    emergency_manual: int = 0
    first_airing_s: list[float] = field(default_factory=list)  # per emergency entry

    @property
    def ratio(self) -> float | None:
        """Aired or partly aired over scheduled."""
        return (self.aired + self.partial) / self.scheduled if self.scheduled else None

    @property
    def percent(self) -> float | None:
        r = self.ratio
        return round(100.0 * r, 1) if r is not None else None

    @property
    def first_airing_avg_s(self) -> float | None:
        return round(sum(self.first_airing_s) / len(self.first_airing_s), 1) \
            if self.first_airing_s else None


def figures(station_ids: list[int], start: datetime, end: datetime, *, now: datetime,
            grace: timedelta) -> dict[int, Figures]:
    """Per-station figures for airings starting in [start, end)."""
    out = {sid: Figures() for sid in station_ids}
    if not station_ids:
        return out
    rows = []
    for chunk in range(0, len(station_ids), 900):
        rows += db.session.execute(
            select(Airing.id, Airing.station_id, Airing.starts_at, Airing.ends_at, Airing.status,
                   Airing.entry_id, ScheduleEntry.priority, ScheduleEntry.cancelled_at,
                   ScheduleEntry.created_at)
            .join(ScheduleEntry, ScheduleEntry.id == Airing.entry_id)
            .where(Airing.station_id.in_(station_ids[chunk:chunk + 900]),
                   Airing.starts_at >= start, Airing.starts_at < end)).all()
    live = [r for r in rows if r.status not in WITHDRAWN
            and not (r.cancelled_at is not None and r.starts_at >= r.cancelled_at)]
    reports: dict[int, list[tuple[AsRunStatus, bool, datetime]]] = defaultdict(list)
    ids = [r.id for r in live]
    for chunk in range(0, len(ids), 900):
        for aid, status, manual, started in db.session.execute(
                select(AsRunEvent.airing_id, AsRunEvent.status, AsRunEvent.manual,
                       AsRunEvent.started_at)
                .where(AsRunEvent.airing_id.in_(ids[chunk:chunk + 900]))):
            reports[aid].append((status, manual, started))
    first: dict[int, tuple[int, float]] = {}
    for r in live:
        got = reports.get(r.id, [])
        state = airing_state(r.ends_at, [s for s, _m, _t in got], now, grace)
        if state == PENDING:
            continue
        f = out[r.station_id]
        manual = any(m for _s, m, _t in got)
        if r.priority == Priority.emergency:
            f.emergency_sent += 1
            if state == MISSED:
                f.emergency_missed += 1
            else:
                f.emergency_aired += 1
                aired_at = min(t for s, _m, t in got if s in (AsRunStatus.aired,
                                                            AsRunStatus.partial))
                delay = max((aired_at - r.created_at).total_seconds(), 0.0)
                if r.entry_id not in first or delay < first[r.entry_id][1]:
                    first[r.entry_id] = (r.station_id, delay)
            f.emergency_manual += manual
            continue
        f.scheduled += 1
        setattr(f, state, getattr(f, state) + 1)
        f.manual += manual
    for sid, delay in first.values():
        out[sid].first_airing_s.append(delay)
    return out
