"""A new version of an item takes the place of the old one in what has not started yet.

    follow_new_version(actor, old, new, *, now, station_ids=None) -> Followed(entries, occurrences)

Item entries of `old` that start after `now` point at `new` (their end follows its length), and
so do the rundowns of programme occurrences that start after `now`. Entries and occurrences
that already started (running or past) keep `old`: what aired stays as it aired. Every change is
checked first with the same validation as the entry and rundown forms (busy time, readiness,
validity, overrun); if anything is wrong nothing changes. Audited: `schedule.version` per
entry batch, `rundown.update` per occurrence. Flushes, never commits. With `station_ids` (the
actor's scope, radio.scopes.visible_station_ids) only entries of those stations follow, and only
occurrences all of whose entries are on them.

(The rundown write is done here rather than through schedules.programmes, which sits above
entries in the layers contract.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from radio import audit, clock
from radio.db import db
from radio.models import (
    Airing,
    AiringStatus,
    EntryKind,
    MediaItem,
    Occurrence,
    OccurrenceStatus,
    RundownItem,
    ScheduleEntry,
    User,
)
from schedules.entries.targeting import check_slots
from schedules.entries.validation import (
    Report,
    Slot,
    media_issues,
    overrun_issue,
    raise_if_blocking,
)


@dataclass(frozen=True)
class Followed:
    entries: list[int]  # ids of the entries now pointing at the new version
    occurrences: list[int]  # ids of the occurrences whose rundown now holds it


def _future_entries(old: MediaItem, now: datetime) -> list[ScheduleEntry]:
    return list(db.session.scalars(select(ScheduleEntry).where(
        ScheduleEntry.media_item_id == old.id, ScheduleEntry.kind == EntryKind.item,
        ScheduleEntry.cancelled_at.is_(None), ScheduleEntry.superseded_by_id.is_(None),
        ScheduleEntry.starts_at > now)
        .order_by(ScheduleEntry.starts_at, ScheduleEntry.id)))


def _future_occurrences(old: MediaItem, now: datetime) -> list[Occurrence]:
    ids = select(RundownItem.occurrence_id).where(RundownItem.media_item_id == old.id)
    return list(db.session.scalars(select(Occurrence).where(
        Occurrence.id.in_(ids), Occurrence.starts_at > now,
        Occurrence.status.in_([OccurrenceStatus.scheduled, OccurrenceStatus.moved]))
        .order_by(Occurrence.starts_at)))


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _occurrence_stations(occ: Occurrence) -> set[int]:
    return set(db.session.scalars(select(ScheduleEntry.station_id)
                                  .where(ScheduleEntry.occurrence_id == occ.id)))


def follow_new_version(actor: User | None, old: MediaItem, new: MediaItem, *,
                       now: datetime | None = None,
                       station_ids: frozenset[int] | None = None) -> Followed:
    now = now or clock.now()
    tz = clock.zone()
    entries = _future_entries(old, now)
    occurrences = _future_occurrences(old, now)
    if station_ids is not None:
        entries = [e for e in entries if e.station_id in station_ids]
        occurrences = [o for o in occurrences if _occurrence_stations(o) <= station_ids]
    length = timedelta(seconds=math.ceil(new.duration_s or 0))
    # Check everything first.
    for entry in entries:
        start = _aware(entry.starts_at)
        slot = Slot(entry.station_id, start, start + length, entry.priority.value, new.title)
        check_slots([slot], stations={entry.station_id: entry.station}, confirm=True,
                    exclude_entry_ids={entry.id}, media=[new])
    for occ in occurrences:
        day = _aware(occ.starts_at).astimezone(tz).date()
        report = Report()
        report.extend(media_issues([new], day))
        items = [new if r.media_item_id == old.id else r.media_item for r in occ.rundown]
        prog = occ.programme
        jingles = [db.session.get(MediaItem, i) for i in (prog.intro_media_id, prog.outro_media_id)
                   if i]
        total = sum(float(m.duration_s or 0) for m in items + [j for j in jingles if j])
        slot_s = int((_aware(occ.ends_at) - _aware(occ.starts_at)).total_seconds())
        report.extend([overrun_issue(total, slot_s)])
        raise_if_blocking(report.issues)
    # Then change.
    batches: dict[str, list[ScheduleEntry]] = {}
    for entry in entries:
        entry.media_item_id = new.id
        entry.media_item = new
        entry.ends_at = entry.starts_at + length
        for airing in db.session.scalars(select(Airing).where(
                Airing.entry_id == entry.id, Airing.status == AiringStatus.scheduled)):
            airing.ends_at = airing.starts_at + length
        batches.setdefault(entry.batch_id or f"entry-{entry.id}", []).append(entry)
    for batch, rows in batches.items():
        audit.record(actor, "schedule.version", "schedule_batch", batch,
                     before={"media_id": old.id, "version": old.version},
                     after={"media_id": new.id, "version": new.version,
                            "entries": [r.id for r in rows],
                            "stations": sorted({r.station.code for r in rows})},
                     summary=f"{new.title} × {len(rows)}")
    for occ in occurrences:
        before = [r.media_item_id for r in occ.rundown]
        for r in occ.rundown:
            if r.media_item_id == old.id:
                r.media_item_id = new.id
                r.media_item = new
        occ.rendered_sha256 = None
        audit.record(actor, "rundown.update", "occurrence", occ.id, before={"items": before},
                     after={"items": [r.media_item_id for r in occ.rundown]},
                     summary=f"{occ.programme.name} {occ.recurrence_date:%d/%m/%Y}")
    db.session.flush()
    return Followed([e.id for e in entries], [o.id for o in occurrences])
