"""Factories for the archive feature: items with real stored audio, and aired events.

Events go through the real as-run service (`radio.asrun.operations.ingest`), so they are chained exactly as
a station's upload would be.
"""

from __future__ import annotations

import itertools
import shutil
from datetime import UTC, datetime, timedelta

import pytest

from radio import clock
from radio.asrun import operations as asrun
from radio.db import db
from radio.models import MediaItem, MediaKind, Station
from radio.reference import agency_by_slug, topic_by_slug
from radio.stations import get_station
from radio.storage import get_storage
from tests.factories.audio import tone
from tests.factories.stations import asrun_event

_seq = itertools.count(1)


@pytest.fixture(scope="session")
def archive_tone():
    """One real 2-second MP3 made by ffmpeg once per session."""
    return tone(2.0, 523)


@pytest.fixture
def create_stored_item(archive_tone, tmp_path):
    """A media item whose original and rendition are real files in the store.

    Each item gets distinct bytes (the base MP3 plus an ID3v1 tag naming it), so distinct
    checksums, without running ffmpeg per item.
    """

    def factory(title: str | None = None, *, topics: tuple[str, ...] = ("mot-cua",),
                agency: str | None = "phong-noi-vu", summary: str = "",
                kind: str = "news") -> MediaItem:
        n = next(_seq)
        title = title or f"Tin lưu trữ thử {n}"
        store = get_storage()
        path = tmp_path / f"item-{n}.mp3"
        shutil.copyfile(archive_tone, path)
        tag = b"TAG" + f"archive-test-{n}-{clock.now().timestamp()}".encode()[:30].ljust(30)
        with open(path, "ab") as fh:
            fh.write(tag + b"\0" * (128 - len(tag)))
        sha = store.put_file(path)
        orig_path = tmp_path / f"item-{n}.wav.mp3"
        with open(orig_path, "wb") as fh:
            fh.write(path.read_bytes() + b"original")
        orig = store.put_file(orig_path)
        item = MediaItem(title=title, kind=MediaKind(kind), original_sha256=orig,
                         original_name=f"goc-{n}.mp3", original_size=orig_path.stat().st_size,
                         original_format="mp3", rendition_sha256=sha,
                         rendition_size=path.stat().st_size, duration_s=2.0, summary=summary,
                         agency=agency_by_slug(agency) if agency else None,
                         topics=[topic_by_slug(t) for t in topics])
        db.session.add(item)
        db.session.flush()
        return item

    return factory


@pytest.fixture
def air(create_plain_entry):
    """Schedule an item on a station at a time and report it through the as-run service.

    `status=None` schedules without reporting (a missed play). Returns (entry, event or None).
    """

    def factory(station: Station | str, item: MediaItem, at: datetime, *,
                status: str | None = "aired", seconds: float | None = None):
        if isinstance(station, str):
            station = get_station(station)
        length = timedelta(seconds=seconds if seconds is not None else item.duration_s)
        entry = create_plain_entry(station, starts_at=at, item=item, length=length)
        if status is None:
            return entry, None
        raw = asrun_event(entry, status=status, started_at=at)
        raw["ended_at"] = (at + length).astimezone(UTC).isoformat()
        result = asrun.ingest(station, [raw])
        assert not result.rejected, result.as_dict()
        return entry, result.new[0]

    return factory
