"""Factories for the stations feature: schedule entries and as-run events, and the seeder that
seeds a live server's own database through the operations."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from radio import clock
from radio.asrun import operations as asrun
from radio.models import ApprovalState, MediaItem, Priority, ScheduleEntry, Station
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
    """Seeds a live server's own database through the operations, as the server would.

    Media items are registered by media.prepared.add_prepared_item (their tone files put into the
    server's store), entries by the entries operations (warnings confirmed as an editor would), so
    they are checked, audited and get their airings like any other. `session` is bound to the
    server's database for the tests' own reads and small edits.
    """

    def __init__(self, server, audio_dir):
        from radio.config import normalise_database_url
        from radio.db import Database
        from radio.storage import LocalStorage

        self.server = server
        self.audio_dir = audio_dir
        self.database = Database()
        self.database.configure(normalise_database_url(server.env["DATABASE_URL"]))
        self.session = self.database.session()
        self.storage = LocalStorage(server.data_dir / "media")
        self.tz = ZoneInfo("Asia/Ho_Chi_Minh")

    def close(self) -> None:
        self.database.session.remove()
        self.database.engine.dispose()

    @contextmanager
    def writing(self):
        """The operations' db.session is this seeder's session for the block, and its
        transaction takes SQLite's write lock at BEGIN (the server writes meanwhile); the block
        commits, or rolls back on an error."""
        from radio.db import db, expect_writes

        registry = db.session.registry
        previous = registry() if registry.has() else None
        self.session.commit()  # end a read begun outside: the next BEGIN takes the write lock
        registry.set(self.session)
        expect_writes(True)
        try:
            yield
            self.session.commit()
        except BaseException:
            self.session.rollback()
            raise
        finally:
            expect_writes(False)
            if previous is None:
                registry.clear()
            else:
                registry.set(previous)

    def refresh(self) -> None:
        """End the session's read transaction: on SQLite (WAL) a transaction reads the snapshot
        it began with, so the next read sees what the server committed since."""
        self.session.rollback()

    def station(self, code: str) -> Station:
        from sqlalchemy import select

        return self.session.scalar(select(Station).where(Station.code == code))

    def media(self, seconds: float = 2.0, freq: int = 440, title: str | None = None) -> MediaItem:
        """A ready item whose original and rendition are the test tone (one item per tone)."""
        from media.prepared import add_prepared_item
        from media.util import find_by_original

        path = tone(seconds, freq)
        sha = self.storage.put_file(path)
        size = path.stat().st_size
        with self.writing():
            item = find_by_original(sha)
            if item is None:
                item = add_prepared_item(None, title=title or f"Bản tin thử {freq} Hz",
                                         original_sha256=sha, rendition_sha256=sha,
                                         duration_s=seconds, original_name=path.name,
                                         original_size=size, rendition_size=size,
                                         original_format=path.suffix.lstrip("."),
                                         # the suite runs with RADIO_APPROVAL=off; outside an
                                         # app context new items would be drafts
                                         approval=ApprovalState.approved)
                # in the library a day before anything is scheduled or reported
                item.created_at = clock.now() - timedelta(days=1)
        return item

    def free_start(self, code: str, after: datetime, seconds: float) -> datetime:
        """The first start at or after `after` when station `code` has no normal entry for
        `seconds` (on a demo server: around the demo's own schedule, whatever the time of day)."""
        from schedules.entries.targeting import busy_between

        start = after
        with self.writing():
            station = self.station(code)
            while busy := [b for b in busy_between([station.id], start,
                                                   start + timedelta(seconds=seconds))
                           if b.priority == Priority.normal.value]:
                end = max(b.ends_at for b in busy).astimezone(UTC)
                start = (end + timedelta(microseconds=999_999)).replace(microsecond=0)
        return start

    def entry(self, code: str, item: MediaItem, starts_at: datetime,
              priority: str = "normal") -> ScheduleEntry:
        """One entry of `item` on station `code` (an emergency supersedes older ones, as sent)."""
        with self.writing():
            spec = ItemEntry(self.station(code), item, starts_at, priority=priority)
            entry = entry_ops.add_item_entries(None, [spec], confirm=True)[0]
        return entry

    def emergency(self, code: str, item: MediaItem, *, repeat_every_s: int | None = None,
                  repeat_until: datetime | None = None) -> ScheduleEntry:
        """An emergency of `item` sent now to station `code`, as the emergency page sends it."""
        with self.writing():
            entry = entry_ops.send_emergency(None, stations=[self.station(code)],
                                             media_id=item.id, repeat_every_s=repeat_every_s,
                                             repeat_until=repeat_until)[0]
        return entry

    def cancel(self, *entries: ScheduleEntry | None) -> None:
        """Cancel entries (None is skipped) through the entries operations."""
        with self.writing():
            for entry in entries:
                if entry is not None and entry.cancelled_at is None:
                    entry_ops.cancel_entry(None, entry)

    def token(self, code: str) -> str:
        return self.server.cli("station", "token", code).stdout.strip().splitlines()[0]
