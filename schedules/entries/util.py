"""Reads of entries: one entry or media item by id, a station's entries, entry titles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from radio.db import db
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import (
    EntryKind,
    MediaItem,
    ScheduleEntry,
)


def get_media(media_id: int) -> MediaItem:
    item = db.session.get(MediaItem, media_id)
    if item is None:
        raise NotFound(_("Không tìm thấy tin/bài mã %(id)s.", id=media_id), "media_not_found")
    return item


def get_entry(entry_id: int) -> ScheduleEntry:
    entry = db.session.get(ScheduleEntry, entry_id)
    if entry is None:
        raise NotFound(_("Không tìm thấy lịch phát."), "entry_not_found")
    return entry


def entry_title(entry: ScheduleEntry) -> str:
    if entry.kind in (EntryKind.programme, EntryKind.live) and entry.occurrence is not None:
        return entry.occurrence.programme.name
    if entry.kind == EntryKind.live and entry.relay_station is not None:
        return entry.note or f"Phát trực tiếp {entry.relay_station.name}"
    if entry.kind == EntryKind.relay:
        if entry.relay_station is not None:
            return f"Tiếp âm {entry.relay_station.name}"
        return entry.note or f"Tiếp âm {entry.relay_url}"
    if entry.media_item is not None:
        return entry.media_item.title
    return entry.note or f"#{entry.id}"


def entries_in_range(station_id: int, start: datetime, end: datetime,
                     include_cancelled: bool = False) -> list[ScheduleEntry]:
    """ORM entries of a station overlapping [start, end), by start time."""
    query = (select(ScheduleEntry)
             .where(ScheduleEntry.station_id == station_id, ScheduleEntry.starts_at < end,
                    ScheduleEntry.ends_at > start)
             .order_by(ScheduleEntry.starts_at, ScheduleEntry.id))
    if not include_cancelled:
        query = query.where(ScheduleEntry.cancelled_at.is_(None))
    return list(db.session.scalars(query))


def cancel_targets(entry: ScheduleEntry, *, whole_batch: bool = False) -> list[ScheduleEntry]:
    """The entries a cancel of `entry` ends: the entry itself, or every live entry of its batch.
    A programme's entry (or a live entry a live programme made) is skipped through its occurrence
    instead (DomainError)."""
    if entry.kind == EntryKind.programme or entry.occurrence_id is not None:
        raise DomainError(_("Hãy bỏ số phát của chuyên mục thay vì huỷ từng lịch."),
                          "use_occurrence")
    if whole_batch and entry.batch_id:
        return list(db.session.scalars(select(ScheduleEntry).where(
            ScheduleEntry.batch_id == entry.batch_id, ScheduleEntry.cancelled_at.is_(None))))
    return [entry]
