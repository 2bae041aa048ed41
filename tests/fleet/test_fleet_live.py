"""The fleet over real HTTP: heartbeats with health bodies posted to a live server, then
`radio fleet --unit CODE --json` (its own process) and GET /api/v1/fleet with a staff token."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import update

from radio import clock
from radio.models import Station, User
from radio.security import hash_token
from tests.factories.stations import LiveSeeder
from tests.factories.unit_rows import add_term, add_unit
from tests.stations.conftest import http

pytestmark = pytest.mark.dates  # reads the clock


SINCE = date(2020, 1, 1)
STAFF_TOKEN = "fleet-test-admin-token-0123456789"


def _seed(server, tmp_path) -> str:
    """Two communes of a province, a station each, and the admin's staff API token."""
    seeder = LiveSeeder(server, tmp_path)
    session = seeder.session
    try:
        province = add_unit("fl-tinh", "Tỉnh Thử", level="province", unit_type="Tỉnh",
                            valid_from=SINCE, source="test", session=session)
        for code, unit_code, name in (("fl-tram-a", "fl-xa-a", "Xã Thử A"),
                                      ("fl-tram-b", "fl-xa-b", "Xã Thử B")):
            unit = add_unit(unit_code, name, valid_from=SINCE, parent=province, source="test",
                            session=session)
            station = Station(code=code, name=f"Trạm {name}", kind="commune", valid_from=SINCE)
            session.add(station)
            session.flush()
            add_term(station, unit, SINCE, session=session)
        session.execute(update(User).where(User.username == "admin")
                        .values(api_token_hash=hash_token(STAFF_TOKEN)))
        session.commit()
    finally:
        seeder.close()
    return STAFF_TOKEN


def test_a_commune_with_two_clusters_and_another_commune(make_live_server, tmp_path):
    server = make_live_server(False)
    staff = _seed(server, tmp_path)
    server.start()
    for n in (1, 2):
        server.cli("cluster", "add", "--station", "fl-tram-a", "--code", f"fl-cum-{n}",
                   "--name", f"Cụm loa thôn {n}", "--covers", f"Thôn {n}")
    tokens = {code: server.cli("station", "token", code).stdout.strip().splitlines()[0]
              for code in ("fl-tram-a", "fl-tram-b")}
    health = {"agent_version": "1.4.0", "free_disk_bytes": 500_000_000, "volume": 70,
              "cache": {"ready": True, "missing": []}, "clock": {"offset_s": 30.0},
              "player": {"state": "playing", "title": "Bản tin trưa", "level_db": -20.0,
                         "silence_s": 0.0}}
    before = clock.now()
    resp = http("POST", f"{server.url}/api/v1/stations/fl-tram-a/heartbeat", token=tokens["fl-tram-a"],
                body={"health": health})
    assert resp.status == 200, resp.body
    assert http("POST", f"{server.url}/api/v1/stations/fl-tram-b/heartbeat",
                token=tokens["fl-tram-b"], body={"health": {"volume": 40}}).status == 200

    records = json.loads(server.cli("fleet", "--unit", "fl-xa-a", "--json").stdout)["stations"]
    assert [(r["code"], r["kind"], r["station"]) for r in records] == [
        ("fl-tram-a", "station", None), ("fl-cum-1", "cluster", "fl-tram-a"),
        ("fl-cum-2", "cluster", "fl-tram-a")]
    station = records[0]
    assert station["unit"] == "fl-xa-a" and station["online"] is True
    assert before <= datetime.fromisoformat(station["last_seen"]) <= clock.now()
    assert {k: station[k] for k in ("agent_version", "free_disk_bytes", "volume", "cache_ready",
                                    "clock_offset_s", "level_db", "now_playing", "warnings")} == {
        "agent_version": "1.4.0", "free_disk_bytes": 500_000_000, "volume": 70,
        "cache_ready": True, "clock_offset_s": 30.0, "level_db": -20.0,
        "now_playing": "Bản tin trưa", "warnings": ["clock", "disk"]}
    assert records[2]["covers"] == "Thôn 2" and records[2]["volume"] == 70

    api = http("GET", f"{server.url}/api/v1/fleet?unit=fl-xa-a", token=staff)
    assert api.status == 200, api.body
    stations = api.json()["stations"]
    assert [r["code"] for r in stations] == ["fl-tram-a", "fl-cum-1", "fl-cum-2"]
    assert {k: v for k, v in stations[0].items() if k not in ("contacts_24h",)} == station
    assert len(stations[0]["contacts_24h"]) == 288 and sum(stations[0]["contacts_24h"]) == 1
    other = http("GET", f"{server.url}/api/v1/fleet?unit=fl-xa-b", token=staff).json()["stations"]
    assert [(r["code"], r["volume"]) for r in other] == [("fl-tram-b", 40)]
