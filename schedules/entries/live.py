"""Reads of scheduled live sessions (phát trực tiếp): the upcoming live slots, one per source
station and time with the stations that will air it (live entries and live programmes alike)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from radio.db import db
from radio.models import EntryKind, Occurrence, ScheduleEntry, Station
from schedules.entries.util import entry_title


@dataclass
class LiveSlot:
    source: Station
    starts_at: datetime
    ends_at: datetime
    title: str
    programme_id: int | None = None
    stations: list[Station] = field(default_factory=list)


def upcoming_live(now: datetime, *, source: Station | None = None,
                  limit: int = 10) -> list[LiveSlot]:
    """Live slots that have not ended by `now`, soonest first (at most `limit`)."""
    query = (select(ScheduleEntry)
             .options(selectinload(ScheduleEntry.station),
                      selectinload(ScheduleEntry.relay_station),
                      selectinload(ScheduleEntry.occurrence).selectinload(Occurrence.programme))
             .where(ScheduleEntry.kind == EntryKind.live, ScheduleEntry.cancelled_at.is_(None),
                    ScheduleEntry.relay_station_id.is_not(None), ScheduleEntry.ends_at > now)
             .order_by(ScheduleEntry.starts_at, ScheduleEntry.id))
    if source is not None:
        query = query.where(ScheduleEntry.relay_station_id == source.id)
    slots: dict[tuple, LiveSlot] = {}
    for entry in db.session.scalars(query.limit(limit * 200)):
        key = (entry.relay_station_id, entry.starts_at, entry.ends_at, entry.occurrence_id)
        slot = slots.get(key)
        if slot is None:
            if len(slots) == limit:
                break
            slot = slots[key] = LiveSlot(
                entry.relay_station, entry.starts_at, entry.ends_at, entry_title(entry),
                entry.occurrence.programme_id if entry.occurrence is not None else None)
        slot.stations.append(entry.station)
    for slot in slots.values():
        slot.stations.sort(key=lambda s: s.name)
    return list(slots.values())


def next_live(source: Station, now: datetime) -> LiveSlot | None:
    found = upcoming_live(now, source=source, limit=1)
    return found[0] if found else None
