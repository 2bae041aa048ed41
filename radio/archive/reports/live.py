"""Live minutes for the report: what each station aired live (phát trực tiếp). Reads only.

An as-run event is live when it aired (aired or partial) a live recording (media kind live: the
source station's own session, archived by media.streams) or a scheduled live slot (an entry of
kind live: a station that aired another station's live stream). Its minutes are counted as for
every broadcast (ended − started, else the recording's length).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select

from radio.db import db
from radio.models import AsRunEvent, AsRunStatus, EntryKind, MediaItem, MediaKind, ScheduleEntry


def live_events(station_ids: list[int], start: datetime, end: datetime) -> list[tuple]:
    """(station id, started, ended, duration_s) of the live events that started in [start, end)."""
    if not station_ids:
        return []
    return db.session.execute(
        select(AsRunEvent.station_id, AsRunEvent.started_at, AsRunEvent.ended_at,
               MediaItem.duration_s)
        .outerjoin(MediaItem, MediaItem.id == AsRunEvent.media_item_id)
        .outerjoin(ScheduleEntry, ScheduleEntry.id == AsRunEvent.entry_id)
        .where(AsRunEvent.started_at >= start, AsRunEvent.started_at < end,
               AsRunEvent.status.in_([AsRunStatus.aired, AsRunStatus.partial]),
               AsRunEvent.station_id.in_(station_ids),
               or_(MediaItem.kind == MediaKind.live, ScheduleEntry.kind == EntryKind.live))
    ).all()
