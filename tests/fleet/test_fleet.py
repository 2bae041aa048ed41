"""The fleet reads: `radio fleet --json`, GET /api/v1/fleet and the /fleet page, from real
heartbeats with health bodies posted over HTTP (test client) at times set on the clock."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from radio.db import db
from radio.fleet.fleet_util import BUCKETS_24H, contact_sparkline, fleet
from radio.models import Alert, AlertKind, AlertLevel
from tests.factories.core import PASSWORD
from tests.fleet.conftest import NOW, health

FIELDS = {"code", "name", "kind", "station", "unit", "unit_name", "covers", "online",
          "last_seen", "agent_version", "cache_ready", "cache_missing", "clock_offset_s",
          "free_disk_bytes", "level_db", "silence_s", "volume", "player_state", "now_playing",
          "warnings", "alerts"}


def _post_world(beat, world):
    missing = [{"day": "2031-03-11", "entry_id": 7, "title": "Bản tin chiều", "sha256": "ab"}]
    beat("fl-tram-a", NOW - timedelta(minutes=1), health(
        free_disk_bytes=500_000_000, clock={"offset_s": 30.0}, volume=65,
        cache={"ready": False, "days": [], "missing": missing}))
    beat("fl-tram-b", NOW - timedelta(minutes=10), health())


def _cli(runner, *args):
    result = runner.invoke(args=["fleet", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_json_lists_the_commune_station_and_its_clusters(runner, beat, fleet_world):
    _post_world(beat, fleet_world)
    db.session.add(Alert(kind=AlertKind.clock_off, key="clock_off:station:a",
                         station_id=fleet_world.station_a.id, level=AlertLevel.warning,
                         message="Đồng hồ lệch 30 giây", opened_at=NOW - timedelta(minutes=1),
                         last_seen_at=NOW))
    db.session.add(Alert(kind=AlertKind.low_disk, key="low_disk:station:a",
                         station_id=fleet_world.station_a.id, message="Đã đóng",
                         opened_at=NOW - timedelta(hours=2), last_seen_at=NOW,
                         closed_at=NOW - timedelta(hours=1)))
    db.session.commit()
    records = json.loads(_cli(runner, "--unit", "fl-xa-a", "--json"))["stations"]
    assert [(r["code"], r["kind"], r["station"]) for r in records] == [
        ("fl-tram-a", "station", None), ("fl-cum-1", "cluster", "fl-tram-a"),
        ("fl-cum-2", "cluster", "fl-tram-a")]
    a = records[0]
    assert set(a) == FIELDS
    assert a["unit"] == "fl-xa-a" and a["name"] == "Trạm Thử A"
    assert a["online"] is True
    assert a["last_seen"] == (NOW - timedelta(minutes=1)).isoformat()
    assert a["agent_version"] == "1.4.0"
    assert a["cache_ready"] is False
    assert a["cache_missing"] == [{"day": "2031-03-11", "entry_id": 7, "title": "Bản tin chiều",
                                   "sha256": "ab"}]
    assert a["clock_offset_s"] == 30.0 and a["free_disk_bytes"] == 500_000_000
    assert a["level_db"] == -18.5 and a["silence_s"] == 0.0 and a["volume"] == 65
    assert a["now_playing"] == "Bản tin sáng"
    assert a["warnings"] == ["cache", "clock", "disk"]
    assert a["alerts"] == [{"kind": "clock_off", "level": "warning",
                            "message": "Đồng hồ lệch 30 giây",
                            "opened_at": (NOW - timedelta(minutes=1)).isoformat()}]
    cluster = records[1]
    assert cluster["name"] == "Cụm loa thôn 1" and cluster["covers"] == "Thôn 1"
    assert {k: cluster[k] for k in ("online", "volume", "clock_offset_s", "alerts")} == {
        k: a[k] for k in ("online", "volume", "clock_offset_s", "alerts")}


def test_online_offline_by_last_contact(runner, beat, fleet_world):
    _post_world(beat, fleet_world)
    records = json.loads(_cli(runner, "--unit", "fl-tinh", "--json"))["stations"]
    by_code = {r["code"]: r for r in records}
    assert set(by_code) == {"fl-tram-a", "fl-cum-1", "fl-cum-2", "fl-tram-b"}
    assert by_code["fl-tram-a"]["online"] is True
    assert by_code["fl-tram-b"]["online"] is False
    assert by_code["fl-tram-b"]["warnings"] == ["offline"]
    assert by_code["fl-tram-b"]["last_seen"] == (NOW - timedelta(minutes=10)).isoformat()
    # Exactly 3 minutes is still online; a second more is not.
    records = fleet(None, unit="fl-xa-a", now=NOW + timedelta(minutes=2))
    assert records[0]["online"] is True
    records = fleet(None, unit="fl-xa-a", now=NOW + timedelta(minutes=2, seconds=1))
    assert records[0]["online"] is False


def test_cli_table_in_vietnamese(runner, beat, fleet_world):
    _post_world(beat, fleet_world)
    lines = _cli(runner, "--unit", "fl-xa-a").splitlines()
    assert lines[0].split("  ")[0] == "Mã"
    assert "Trạng thái" in lines[0] and "Lệch giờ" in lines[0]
    assert len(lines) == 4
    assert lines[1].startswith("fl-tram-a ")
    assert "trực tuyến" in lines[1] and "thiếu 1" in lines[1] and "30,0 s" in lines[1]
    assert "0,5 GB" in lines[1] and "10/03/2031 09:59" in lines[1]
    assert "└ Cụm loa thôn 1" in lines[2]
    assert _cli(runner, "--unit", "fl-xa-b").splitlines()[1].split()[0] == "fl-tram-b"


def test_sparkline_counts_each_bucket(beat, fleet_world):
    a, b = fleet_world.station_a, fleet_world.station_b
    beat("fl-tram-a", NOW - timedelta(minutes=1))  # 02:59 → bucket 02:55, index 286
    beat("fl-tram-a", NOW - timedelta(hours=2))  # 01:00, index 263
    beat("fl-tram-a", NOW - timedelta(hours=2) + timedelta(minutes=4))  # same bucket
    beat("fl-tram-a", NOW)  # 03:00, the last bucket
    beat("fl-tram-a", NOW - timedelta(hours=25))  # too old
    beat("fl-tram-b", NOW - timedelta(hours=23, minutes=55))  # 03:05 yesterday, index 0
    beat("fl-tram-b", NOW - timedelta(hours=24))  # 03:00 yesterday: outside
    lines = contact_sparkline([a.id, b.id], NOW)
    assert len(lines[a.id]) == len(lines[b.id]) == BUCKETS_24H == 288
    assert {i: c for i, c in enumerate(lines[a.id]) if c} == {263: 2, 286: 1, 287: 1}
    assert {i: c for i, c in enumerate(lines[b.id]) if c} == {0: 1}


def _editor_of(create_user, unit):
    user = create_user(role="editor")
    user.unit_id = unit.id
    db.session.commit()
    return user


def test_api_matches_the_cli_and_keeps_the_scope(client, login, runner, beat, fleet_world,
                                                 create_user):
    _post_world(beat, fleet_world)
    login("admin")
    body = client.get("/api/v1/fleet?unit=fl-tinh").get_json()
    cli = json.loads(_cli(runner, "--unit", "fl-tinh", "--json"))["stations"]
    assert [{k: v for k, v in r.items() if k != "contacts_24h"} for r in body["stations"]] == cli
    spark = {r["code"]: r["contacts_24h"] for r in body["stations"]}
    assert len(spark["fl-tram-a"]) == 288 and sum(spark["fl-tram-a"]) == 1
    assert spark["fl-tram-a"][286] == 1 and spark["fl-cum-1"] == spark["fl-tram-a"]
    assert sum(spark["fl-tram-b"]) == 1 and spark["fl-tram-b"][285] == 1
    client.post("/logout")

    editor = _editor_of(create_user, fleet_world.unit_b)
    login(editor.username, PASSWORD)
    mine = client.get("/api/v1/fleet").get_json()["stations"]
    assert [r["code"] for r in mine] == ["fl-tram-b"]
    assert client.get("/api/v1/fleet?unit=fl-xa-a").get_json() == {"stations": []}
    page = client.get("/fleet").get_data(as_text=True)
    assert 'data-code="fl-tram-b"' in page and "fl-tram-a" not in page
    assert "fl-cum-1" not in page


def test_unknown_unit_is_refused(client, login, fleet_world):
    login("admin")
    resp = client.get("/api/v1/fleet?unit=khong-co")
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "unit_not_found"


def _row(page: str, code: str) -> str:
    match = re.search(rf'<tr data-code="{code}".*?</tr>', page, re.S)
    assert match, code
    return match.group(0)


def test_page_shows_lines_and_warnings(client, login, beat, fleet_world):
    _post_world(beat, fleet_world)
    login("admin")
    resp = client.get("/fleet?unit=fl-tinh")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    codes = re.findall(r'<tr data-code="([a-z0-9-]+)" data-kind="(\w+)"', page)
    assert codes == [("fl-tram-a", "station"), ("fl-cum-1", "cluster"),
                     ("fl-cum-2", "cluster"), ("fl-tram-b", "station")]
    a = _row(page, "fl-tram-a")
    assert re.search(r'class="clock warn">\s*Lệch 30,0 giây', a)
    assert re.search(r'class="disk warn">\s*0,5 GB', a)
    assert re.search(r'class="cache warn">\s*Thiếu 1 mục', a)
    assert 'class="badge state-aired online">Trực tuyến' in a
    assert '<svg class="sparkline" width="288"' in a and 'data-heard="1"' in a
    b = _row(page, "fl-tram-b")
    assert 'class="badge state-missed offline">Mất liên lạc' in b
    assert re.search(r'class="clock">\s*Lệch -0,4 giây', b)
    assert re.search(r'class="disk">\s*50,0 GB', b)
    cluster = _row(page, "fl-cum-2")
    assert "Cụm loa thôn 2" in cluster and "Phủ sóng: Thôn 2" in cluster
    assert '<option value="fl-xa-a">Xã Thử A (fl-xa-a)</option>' in page
    assert '<option value="fl-tinh" selected>' in page


def test_an_operator_sees_only_their_station(client, login, fleet_world):
    login("operator")
    page = client.get("/fleet").get_data(as_text=True)
    rows = re.findall(r'<tr data-code="([a-z0-9-]+)" data-kind="station"', page)
    assert rows == ["gio-an"]
    assert 'href="/fleet"' in page  # the nav line
    assert client.get("/api/v1/fleet").status_code == 403
