"""A small world for the fleet reads: a province with commune A (a station with two clusters)
and commune B (a station), both with tokens; heartbeats are posted over HTTP (the Flask test
client) at times set on the core clock, far from the demo data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from radio import clock, stations
from radio.clusters import operations as clusters
from radio.models import AdminUnit, Station
from tests.factories.unit_rows import add_term, add_unit

NOW = datetime(2031, 3, 10, 3, 0, tzinfo=UTC)  # 10:00 in Asia/Ho_Chi_Minh
SINCE = date(2030, 1, 1)


@dataclass
class FleetWorld:
    province: AdminUnit
    unit_a: AdminUnit
    unit_b: AdminUnit
    station_a: Station
    station_b: Station
    tokens: dict


class Clock:
    def __init__(self, monkeypatch):
        self.at = NOW
        monkeypatch.setattr(clock, "now", lambda: self.at)


@pytest.fixture
def fake_clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def fleet_world(db_session, fake_clock) -> FleetWorld:
    province = add_unit("fl-tinh", "Tỉnh Thử", level="province", unit_type="Tỉnh",
                        valid_from=SINCE, source="test")
    unit_a = add_unit("fl-xa-a", "Xã Thử A", valid_from=SINCE, parent=province, source="test")
    unit_b = add_unit("fl-xa-b", "Xã Thử B", valid_from=SINCE, parent=province, source="test")
    station_a = stations.create_station(None, code="fl-tram-a", name="Trạm Thử A",
                                        kind="commune", valid_from=SINCE)
    station_b = stations.create_station(None, code="fl-tram-b", name="Trạm Thử B",
                                        kind="commune", valid_from=SINCE)
    add_term(station_a, unit_a, SINCE)
    add_term(station_b, unit_b, SINCE)
    clusters.add_cluster(None, station=station_a, code="fl-cum-1", name="Cụm loa thôn 1",
                         covers="Thôn 1", valid_from=SINCE)
    clusters.add_cluster(None, station=station_a, code="fl-cum-2", name="Cụm loa thôn 2",
                         covers="Thôn 2", valid_from=SINCE)
    tokens = {s.code: stations.rotate_token(None, s) for s in (station_a, station_b)}
    db_session.commit()
    return FleetWorld(province, unit_a, unit_b, station_a, station_b, tokens)


def health(**over) -> dict:
    body = {"agent_version": "1.4.0", "uptime_s": 3600.0, "free_disk_bytes": 50_000_000_000,
            "cache": {"ready": True, "days": [], "missing": []},
            "player": {"state": "playing", "entry_id": 12, "title": "Bản tin sáng",
                       "level_db": -18.5, "silence_s": 0.0},
            "volume": 80, "link": {"rtt_ms": 85.2, "failed_1h": 0}, "clock": {"offset_s": -0.4}}
    body.update(over)
    return body


@pytest.fixture
def beat(client, fake_clock, fleet_world):
    """Post a heartbeat with a health body for a station at a given time."""

    def post(code: str, at: datetime, body: dict | None = None):
        fake_clock.at = at
        try:
            resp = client.post(f"/api/v1/stations/{code}/heartbeat",
                               json={"health": body if body is not None else health()},
                               headers={"Authorization": f"Bearer {fleet_world.tokens[code]}"})
        finally:
            fake_clock.at = NOW
        assert resp.status_code == 200, resp.text
        return resp

    return post
