"""Station playlists: the pure builder over plain data (reads: playlists.util, output: playlists.formats).

Stable interface (the station pull API and the station agent build on it):

    build_playlist(station: StationInfo, day: date, entries: Iterable[EntryData], *,
                   tz: tzinfo | None = None) -> list[PlaylistItem]
        Pure. The ordered, timed items airing on `station` during the local calendar `day`
        (`tz` defaults to the station's own zone). Same result for the same entries in any
        order. Priorities are applied: emergency entries are laid out first at their own time,
        then priority ones, then normal ones; an item that would collide with something of a
        higher level (or already placed) is pushed to start right after it (`shifted_s` > 0).
        Repeating emergencies (`repeat_every_s`) are expanded until `stop_at`. With
        `single_file=True` a programme entry whose occurrence was rendered (`rendered`) is one
        item, for devices that play one file per programme. Entries `awaiting_approval` (their
        material is not approved) are left out, here and from the emergency field.

    schedules.playlists.util.playlist_for(station_code: str, day: date, *, now: datetime | None = None) -> Playlist
        Reads the station's entries from the database and builds the playlist. `Playlist.etag`
        is a strong ETag (quoted SHA-256 of the canonical content); `Playlist.emergency` is the
        emergency bulletin active at `now` on that station (a dict) or None.

    schedules.playlists.formats.to_json(playlist, url_for_media) -> dict
    to_m3u8(playlist, url_for_media) -> str     # #EXTM3U, #EXTINF:<s>,<title>, absolute URLs
    to_xspf(playlist, url_for_media) -> str     # XSPF version 1 (XML), one <track> per item
        `url_for_media(item: PlaylistItem) -> str` returns the absolute URL of a media item
        (see schedules.signing.media_url_builder for signed, expiring URLs). Relay items carry
        `relay_url` (an external stream; used as the location) or `relay_station` (a station
        code: url_for_media gives that station's stream with the listener's grant, see
        media.streams.urls; an annotation in XSPF too).

Clusters: each item says which loudspeaker clusters (cụm loa) of the station it is for, as
`clusters` ((code, name) pairs; JSON: a list of {"code", "name"}); empty means the whole
station, and an emergency is always for the whole station.

Times: entries are aware datetimes (UTC from the DB); items carry local aware datetimes.
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from radio import clock

PRIORITY_RANK = {"emergency": 0, "priority": 1, "normal": 2}
# Entry kinds aired from a stream for the whole slot: a relay item, played like one by the agent.
RELAYED = ("relay", "live")


@dataclass(frozen=True)
class StationInfo:
    id: int
    code: str
    name: str
    timezone: str = clock.DEFAULT_TZ


@dataclass(frozen=True)
class MediaRef:
    """One playable file: a media item's broadcast rendition (or a rendered programme)."""

    media_id: int | None
    title: str
    duration_s: float
    sha256: str | None


@dataclass(frozen=True)
class EntryData:
    """A schedule entry as plain data. `media` is the ordered content (intro, rundown, outro)."""

    id: int
    kind: str  # item | programme | relay | live (the live stream of relay_station)
    priority: str  # normal | priority | emergency
    starts_at: datetime
    ends_at: datetime
    title: str = ""
    media: tuple[MediaRef, ...] = ()
    relay_url: str | None = None
    relay_station: str | None = None
    repeat_every_s: int | None = None
    # Repetitions (and the entry itself) starting at or after stop_at are dropped: the earliest
    # of repeat_until, cancellation and supersession by a newer emergency.
    stop_at: datetime | None = None
    cancelled: bool = False
    # A programme occurrence rendered into one file (for devices that play a single file).
    rendered: MediaRef | None = None
    # The clusters it is for, as (code, name); empty: the whole station.
    clusters: tuple[tuple[str, str], ...] = ()
    # Its material is not approved (schedules.entries.approval_state): it does not air.
    awaiting_approval: bool = False


@dataclass(frozen=True)
class PlaylistItem:
    position: int
    entry_id: int
    kind: str  # media | relay
    priority: str
    starts_at: datetime  # local, aware
    duration_s: float
    title: str
    entry_title: str = ""
    media_id: int | None = None
    sha256: str | None = None
    relay_url: str | None = None
    relay_station: str | None = None
    repeat: int = 0  # 0 for the first airing, n for the n-th repetition of an emergency
    shifted_s: float = 0.0  # how far a higher-priority item pushed this one
    clusters: tuple[tuple[str, str], ...] = ()  # (code, name); empty: the whole station

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(seconds=self.duration_s)


@dataclass(frozen=True)
class Playlist:
    station: StationInfo
    day: date
    items: tuple[PlaylistItem, ...]
    emergency: dict | None = None
    etag: str = ""
    tz_name: str = clock.DEFAULT_TZ
    extra: dict = field(default_factory=dict)

    @property
    def total_s(self) -> float:
        return sum(i.duration_s for i in self.items)


# -- the pure builder ---------------------------------------------------------------------------

def _airings(entry: EntryData, day_start: datetime, day_end: datetime) -> list[tuple[datetime, int]]:
    """Start times (and repetition numbers) of an entry that fall inside the day."""
    if entry.cancelled and not entry.repeat_every_s:
        return []
    out = []
    if entry.repeat_every_s and entry.repeat_every_s > 0:
        step = timedelta(seconds=entry.repeat_every_s)
        n = 0
        if entry.starts_at < day_start:
            n = math.ceil((day_start - entry.starts_at) / step)
        while True:
            at = entry.starts_at + n * step
            if at >= day_end or (entry.stop_at is not None and at >= entry.stop_at):
                break
            out.append((at, n))
            n += 1
        return out
    if day_start <= entry.starts_at < day_end and (entry.stop_at is None or entry.starts_at < entry.stop_at):
        out.append((entry.starts_at, 0))
    return out


def _pieces(entry: EntryData, single_file: bool = False) -> list[MediaRef | None]:
    """What one airing consists of; None stands for a relay of the whole slot."""
    if entry.kind in RELAYED:
        return [None]
    if single_file and entry.rendered is not None:
        return [entry.rendered]
    return [m for m in entry.media if m.duration_s > 0]


def _place(occupied: list[tuple[float, float]], start: float, length: float) -> float:
    """The earliest start >= `start` where [start, start+length) overlaps nothing occupied."""
    moved = True
    while moved:
        moved = False
        for a, b in occupied:
            if a >= start + length:
                break
            if b > start and a < start + length:
                start = b
                moved = True
    return start


def build_playlist(station: StationInfo, day: date, entries: Iterable[EntryData], *,
                   tz: tzinfo | None = None, single_file: bool = False) -> list[PlaylistItem]:
    """The ordered, timed items airing on a station during one local day (pure; see module doc)."""
    tz = tz or ZoneInfo(station.timezone)
    day_start, day_end = clock.local_day_bounds(day, tz)
    airings = []
    for entry in entries:
        if entry.awaiting_approval:
            continue
        for at, n in _airings(entry, day_start, day_end):
            airings.append((PRIORITY_RANK.get(entry.priority, 2), at, entry.id, n, entry))
    # Higher levels first; inside one level by time, then by id so the order is total.
    airings.sort(key=lambda a: a[:4])
    occupied: list[tuple[float, float]] = []
    placed = []
    epoch = day_start.timestamp()
    for _rank, at, _id, n, entry in airings:
        cursor = at.timestamp() - epoch
        for piece in _pieces(entry, single_file):
            if piece is None:
                length = max((entry.ends_at - entry.starts_at).total_seconds(), 0.0)
            else:
                length = float(piece.duration_s)
            start = _place(occupied, cursor, length)
            insort(occupied, (start, start + length))
            placed.append((start, cursor, entry, n, piece, length))
            cursor = start + length
    placed.sort(key=lambda p: (p[0], PRIORITY_RANK.get(p[2].priority, 2), p[2].id, p[1]))
    items = []
    for pos, (start, wanted, entry, n, piece, length) in enumerate(placed):
        starts_at = datetime.fromtimestamp(epoch + start, UTC).astimezone(tz)
        common = dict(position=pos, entry_id=entry.id, priority=entry.priority,
                      starts_at=starts_at, duration_s=round(length, 3), entry_title=entry.title,
                      repeat=n, shifted_s=round(start - wanted, 3),
                      clusters=() if entry.priority == "emergency" else entry.clusters)
        if piece is None:
            items.append(PlaylistItem(kind="relay", title=entry.title, relay_url=entry.relay_url,
                                      relay_station=entry.relay_station, **common))
        else:
            items.append(PlaylistItem(kind="media", title=piece.title, media_id=piece.media_id,
                                      sha256=piece.sha256, **common))
    return items


def active_emergency(entries: Iterable[EntryData], now: datetime) -> EntryData | None:
    """The newest emergency entry whose airing covers `now` or that still repeats."""
    best = None
    for e in entries:
        if e.priority != "emergency" or e.cancelled or e.awaiting_approval:
            continue
        if e.starts_at > now or (e.stop_at is not None and e.stop_at <= now):
            continue
        if not e.repeat_every_s and e.ends_at <= now:
            continue
        if best is None or (e.starts_at, e.id) > (best.starts_at, best.id):
            best = e
    return best


def emergency_dict(entry: EntryData | None, tz: tzinfo) -> dict | None:
    if entry is None:
        return None
    return {"entry_id": entry.id, "title": entry.title,
            "starts_at": entry.starts_at.astimezone(tz).isoformat(),
            "repeat_every_s": entry.repeat_every_s,
            "until": entry.stop_at.astimezone(tz).isoformat() if entry.stop_at else None}


def item_dict(item: PlaylistItem) -> dict:
    return {"position": item.position, "entry_id": item.entry_id, "kind": item.kind,
            "priority": item.priority, "starts_at": item.starts_at.isoformat(),
            "ends_at": item.ends_at.isoformat(), "duration_s": item.duration_s,
            "title": item.title, "entry_title": item.entry_title, "media_id": item.media_id,
            "sha256": item.sha256, "relay_url": item.relay_url,
            "relay_station": item.relay_station, "repeat": item.repeat,
            "shifted_s": item.shifted_s,
            "clusters": [{"code": code, "name": name} for code, name in item.clusters]}


def canonical(items: Iterable[PlaylistItem], emergency: dict | None, station: StationInfo,
              day: date) -> bytes:
    """The bytes the ETag covers: everything a station would act on."""
    body = {"station": station.code, "day": day.isoformat(), "emergency": emergency,
            "items": [item_dict(i) for i in items]}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def make_playlist(station: StationInfo, day: date, entries: list[EntryData], *,
                  now: datetime | None = None, tz: tzinfo | None = None,
                  single_file: bool = False) -> Playlist:
    """Build a Playlist with its ETag and emergency state from plain data (pure given `now`)."""
    tz = tz or ZoneInfo(station.timezone)
    items = tuple(build_playlist(station, day, entries, tz=tz, single_file=single_file))
    emergency = None
    if now is not None:
        emergency = emergency_dict(active_emergency(entries, now), tz)
    digest = hashlib.sha256(canonical(items, emergency, station, day)).hexdigest()
    return Playlist(station=station, day=day, items=items, emergency=emergency,
                    etag=f'"{digest}"', tz_name=getattr(tz, "key", str(tz)))
