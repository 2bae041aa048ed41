"""A live server with one station media entry scheduled, its token, and a day to ask for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from radio import clock
from tests.factories.stations import LiveSeeder
from tests.live import LiveServer

STATION = "trung-son"


@dataclass
class Station:
    server: LiveServer
    token: str
    day: date


@pytest.fixture
def station_server(make_live_server, tmp_path_factory, request) -> Station:
    """A started live server; parametrize indirectly with a dict to add environment variables."""
    env = getattr(request, "param", None) or {}
    server = make_live_server(extra_env=env)
    seeder = LiveSeeder(server, tmp_path_factory.mktemp("audio"))
    try:
        item = seeder.media(2.0, 587, "Tin thử qua proxy")
        # In about an hour, clear of the demo's own entries on the station.
        starts = seeder.free_start(STATION, clock.now().replace(microsecond=0)
                                   + timedelta(hours=1), item.duration_s)
        seeder.entry(STATION, item, starts)
        day = starts.astimezone(seeder.tz).date()
    finally:
        seeder.close()
    token = server.cli("station", "token", STATION).stdout.strip().splitlines()[0]
    server.start()
    return Station(server, token, day)
