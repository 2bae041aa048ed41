"""Factories for the stations feature: schedule entries and as-run events, and the seeder that
writes into a live server's own database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from radio import clock
from radio.asrun import operations as asrun
from radio.models import EntryKind, MediaItem, Priority, ScheduleEntry, Station
from radio.stations import get_station
from schedules.entries import operations as entry_ops
from schedules.entries.operations import ItemEntry
from tests.factories.audio import tone


@pytest.fixture
def create_plain_entry(create_media_item):
    """A schedule entry of one media item on a station (default: gio-an, in one hour), made by
    the entries operations (`add_item_entries`, warnings confirmed as an editor would)."""

    def factory(station: Station | str = "gio-an", starts_at: datetime | None = None,
                item: MediaItem | None = None, priority: str = "normal",
                length: timedelta | None = None) -> ScheduleEntry:
        if isinstance(station, str):
            station = get_station(station)
        item = item or create_media_item(topics=("mot-cua",), agency="phong-noi-vu")
        starts_at = starts_at or clock.now().replace(microsecond=0) + timedelta(hours=1)
        # The item existed before its schedule: as-run from before an item existed is refused.
        item.created_at = min(item.created_at, starts_at - timedelta(days=1))
        spec = ItemEntry(station, item, starts_at, priority=priority,
                         length_s=length.total_seconds() if length is not None else None)
        return entry_ops.add_item_entries(None, [spec], confirm=True)[0]

    return factory


def asrun_event(entry: ScheduleEntry | None = None, *, status: str = "aired",
                started_at: datetime | None = None, **extra) -> dict:
    """One as-run event as a station posts it (JSON-ready)."""
    start = started_at or (entry.starts_at if entry else clock.now() - timedelta(hours=1))
    event = {"id": str(uuid.uuid4()), "status": status,
             "started_at": start.astimezone(UTC).isoformat(),
             "ended_at": (start + timedelta(seconds=60)).astimezone(UTC).isoformat()}
    if entry is not None:
        event["entry_id"] = entry.id
        if entry.media_item is not None:
            event["media_sha256"] = entry.media_item.rendition_sha256
    return event | extra


@pytest.fixture
def record_asrun():
    """Store as-run events for a station through the real service."""

    def factory(station: Station | str, events: list[dict], **kwargs) -> asrun.IngestResult:
        if isinstance(station, str):
            station = get_station(station)
        return asrun.ingest(station, events, **kwargs)

    return factory


# -- seeding a live server's own database (tests that talk real HTTP) ------------------------

class LiveSeeder:
    """Writes rows straight into a live server's database and files into its media store."""

    def __init__(self, server, audio_dir):
        from sqlalchemy import create_engine
        from sqlalchemy.orm import Session

        from radio.config import normalise_database_url
        from radio.storage import LocalStorage

        self.server = server
        self.audio_dir = audio_dir
        self.engine = create_engine(normalise_database_url(server.env["DATABASE_URL"]))
        self.session = Session(self.engine, expire_on_commit=False)
        self.storage = LocalStorage(server.data_dir / "media")
        self.tz = ZoneInfo("Asia/Ho_Chi_Minh")

    def close(self) -> None:
        self.session.close()
        self.engine.dispose()

    def station(self, code: str) -> Station:
        from sqlalchemy import select

        return self.session.scalar(select(Station).where(Station.code == code))

    def media(self, seconds: float = 2.0, freq: int = 440, title: str | None = None) -> MediaItem:
        path = tone(seconds, freq)
        sha = self.storage.put_file(path)
        from sqlalchemy import select

        item = self.session.scalar(select(MediaItem).where(MediaItem.original_sha256 == sha))
        if item is None:
            item = MediaItem(title=title or f"Bản tin thử {freq} Hz", original_sha256=sha,
                             rendition_sha256=sha, duration_s=seconds,
                             original_size=path.stat().st_size,
                             rendition_size=path.stat().st_size, original_name=path.name,
                             # in the library a day before anything is scheduled or reported
                             created_at=clock.now() - timedelta(days=1))
            self.session.add(item)
            self.session.commit()
        return item

    def entry(self, code: str, item: MediaItem, starts_at: datetime,
              priority: str = "normal") -> ScheduleEntry:
        station = self.station(code)
        entry = ScheduleEntry(station_id=station.id, kind=EntryKind.item, starts_at=starts_at,
                              ends_at=starts_at + timedelta(seconds=item.duration_s),
                              priority=Priority(priority), media_item_id=item.id)
        self.session.add(entry)
        self.session.commit()
        return entry

    def token(self, code: str) -> str:
        return self.server.cli("station", "token", code).stdout.strip().splitlines()[0]
