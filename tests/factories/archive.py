"""Factories for the archive feature: aired events (items come from create_media_item).

Events go through the real as-run service (`radio.asrun.operations.ingest`), so they are chained exactly as
a station's upload would be.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from radio.asrun import operations as asrun
from radio.models import MediaItem, Station
from radio.stations import get_station
from tests.factories.stations import asrun_event


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
