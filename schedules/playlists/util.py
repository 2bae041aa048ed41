"""Reads of the playlists: entries as plain data (EntryData) and a station's day built from them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased, selectinload

from radio import clock
from radio.db import db
from radio.models import (
    EntryKind,
    MediaItem,
    Occurrence,
    RundownItem,
    ScheduleEntry,
    Station,
)
from radio.stations import get_station
from schedules.entries.approval_state import entry_waiting
from schedules.entries.util import entry_title
from schedules.playlists.builder import (
    EntryData,
    MediaRef,
    Playlist,
    StationInfo,
    make_playlist,
)
from schedules.programmes.render import GAP_MS


def station_info(station: Station) -> StationInfo:
    return StationInfo(id=station.id, code=station.code, name=station.name,
                       timezone=station.timezone or clock.zone().key)


def media_ref(item: MediaItem | None) -> MediaRef | None:
    if item is None:
        return None
    return MediaRef(media_id=item.id, title=item.title, duration_s=float(item.duration_s or 0),
                    sha256=item.rendition_sha256)


def occurrence_media(occ: Occurrence, items_by_id: dict[int, MediaItem] | None = None) -> tuple:
    """Intro, rundown items and outro of an occurrence, as MediaRefs."""
    prog = occ.programme
    get = (items_by_id or {}).get
    out = []
    if prog.intro_media_id:
        out.append(media_ref(get(prog.intro_media_id) or db.session.get(MediaItem, prog.intro_media_id)))
    out += [media_ref(r.media_item) for r in occ.rundown]
    if prog.outro_media_id:
        out.append(media_ref(get(prog.outro_media_id) or db.session.get(MediaItem, prog.outro_media_id)))
    return tuple(m for m in out if m is not None)


def _stop_at(entry: ScheduleEntry, superseded_at: datetime | None) -> datetime | None:
    stops = [t for t in (entry.repeat_until, entry.cancelled_at, superseded_at) if t is not None]
    return min(stops) if stops else None


def _awaits(entry: ScheduleEntry, cache: dict | None) -> bool:
    """The one approval rule (schedules.entries.approval_state), once per occurrence."""
    if cache is None or entry.kind != EntryKind.programme or entry.occurrence_id is None:
        return entry_waiting(entry) is not None
    key = ("awaits", entry.occurrence_id)
    if key not in cache:
        cache[key] = entry_waiting(entry) is not None
    return cache[key]


def entry_data(entry: ScheduleEntry, superseded_at: datetime | None = None,
               media_cache: dict | None = None) -> EntryData:
    media: tuple = ()
    if entry.kind == EntryKind.programme and entry.occurrence is not None:
        key = entry.occurrence_id
        if media_cache is not None and key in media_cache:
            media = media_cache[key]
        else:
            media = occurrence_media(entry.occurrence)
            if media_cache is not None:
                media_cache[key] = media
    elif entry.kind == EntryKind.item and entry.media_item is not None:
        media = (media_ref(entry.media_item),)
    rendered = None
    occ = entry.occurrence if entry.kind == EntryKind.programme else None
    if occ is not None and occ.rendered_sha256 and media:
        length = sum(m.duration_s for m in media) + (len(media) - 1) * GAP_MS / 1000
        rendered = MediaRef(None, f"{occ.programme.name} {occ.recurrence_date:%d/%m/%Y}",
                            round(length, 3), occ.rendered_sha256)
    return EntryData(
        id=entry.id, kind=entry.kind.value, priority=entry.priority.value,
        starts_at=entry.starts_at, ends_at=entry.ends_at, title=entry_title(entry), media=media,
        relay_url=entry.relay_url,
        relay_station=entry.relay_station.code if entry.relay_station is not None else None,
        repeat_every_s=entry.repeat_every_s, stop_at=_stop_at(entry, superseded_at),
        cancelled=entry.cancelled_at is not None and not entry.repeat_every_s,
        rendered=rendered, clusters=tuple((c.code, c.name) for c in entry.clusters),
        awaiting_approval=_awaits(entry, media_cache),
    )


def _entry_query(start: datetime, end: datetime):
    newer = aliased(ScheduleEntry)
    return (
        select(ScheduleEntry, newer.starts_at)
        .outerjoin(newer, newer.id == ScheduleEntry.superseded_by_id)
        .where(ScheduleEntry.starts_at < end,
               or_(ScheduleEntry.ends_at > start,
                   and_(ScheduleEntry.repeat_every_s.is_not(None),
                        or_(ScheduleEntry.repeat_until.is_(None),
                            ScheduleEntry.repeat_until > start),
                        or_(ScheduleEntry.cancelled_at.is_(None),
                            ScheduleEntry.cancelled_at > start))))
        .options(selectinload(ScheduleEntry.media_item), selectinload(ScheduleEntry.relay_station),
                 selectinload(ScheduleEntry.clusters),
                 selectinload(ScheduleEntry.occurrence).selectinload(Occurrence.programme),
                 selectinload(ScheduleEntry.occurrence).selectinload(Occurrence.rundown)
                 .selectinload(RundownItem.media_item))
    )


def entries_for_station(station_id: int, start: datetime, end: datetime) -> list[EntryData]:
    """Entries of one station that may air in [start, end), as plain data."""
    rows = db.session.execute(_entry_query(start, end).where(ScheduleEntry.station_id == station_id))
    cache: dict = {}
    return [entry_data(e, sup, cache) for e, sup in rows]


def entries_by_station(start: datetime, end: datetime,
                       station_ids: list[int] | None = None) -> dict[int, list[EntryData]]:
    """Entries of many stations at once (network view, benchmarks)."""
    query = _entry_query(start, end)
    if station_ids is not None:
        query = query.where(ScheduleEntry.station_id.in_(station_ids))
    out: dict[int, list[EntryData]] = defaultdict(list)
    cache: dict = {}
    for e, sup in db.session.execute(query):
        out[e.station_id].append(entry_data(e, sup, cache))
    return out


def playlist_for(station_code: str, day: date, *, now: datetime | None = None,
                 single_file: bool = False) -> Playlist:
    """The playlist of one station for one local day, read from the database. With
    `single_file`, each programme occurrence that has been rendered is one item."""
    station = get_station(station_code)
    info = station_info(station)
    tz = ZoneInfo(info.timezone)
    start, end = clock.local_day_bounds(day, tz)
    entries = entries_for_station(station.id, start, end)
    return make_playlist(info, day, entries, now=now or clock.now(), tz=tz,
                         single_file=single_file)
