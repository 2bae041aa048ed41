"""Relay sources of a scoped editor: the stations of their scope and the stations above it in
the unit tree (tiếp âm the level above), while the stations an entry airs on stay in scope."""

from __future__ import annotations

import re
from datetime import timedelta

from radio import clock, scopes
from radio.db import db
from radio.models import Programme, ScheduleEntry


def _relay_codes(user, world) -> set[str]:
    ids = scopes.relay_source_ids(user)
    return {s.code for s in world.stations.values() if s.id in ids}


def test_a_commune_relays_its_province_and_a_district_era_commune_its_district(
        unit_world, scoped_user):
    w = unit_world
    # Cồn Tiên's stations (its own and its former communes'); above them: the province station
    # of the July 2025 edition and, for the former communes, the district station.
    assert _relay_codes(scoped_user("editor", "con-tien"), w) == w.codes(
        "con-tien", "gio-an", "linh-truong", "tinh", "huyen")
    assert _relay_codes(scoped_user("editor", "gio-an"), w) == w.codes("gio-an", "huyen")
    assert _relay_codes(scoped_user("editor", "thuan-hoa"), w) == w.codes("thuan-hoa")
    assert scopes.relay_source_ids(scoped_user("editor", None)) is None


def _options(body: str, name: str) -> set[str]:
    select = re.search(rf'<select name="{name}">(.*?)</select>', body, re.S).group(1)
    return set(re.findall(r'<option value="([^"]+)"', select))


def _checkboxes(body: str) -> set[str]:
    return set(re.findall(r'name="stations" value="([^"]+)"', body))


def test_the_pickers_offer_the_province_station_as_a_source_but_not_as_a_target(
        unit_world, scoped_user, sign_in):
    client = sign_in(scoped_user("editor", "con-tien"))
    ours = {s.code for s in unit_world.stations.values()}
    entry = client.get("/planning/entries/new").text
    assert _options(entry, "relay_station") & ours == unit_world.codes("con-tien", "tinh")
    assert _checkboxes(entry) & ours == unit_world.codes("con-tien")
    programme = client.get("/planning/programmes/new").text
    assert _options(programme, "live_station") & ours == unit_world.codes("con-tien", "tinh")
    assert _checkboxes(programme) & ours == unit_world.codes("con-tien")


def _relay_body(at, source: str, stations: list[str]) -> dict:
    return {"relay_station": source, "duration_s": 1800, "starts_at": at.isoformat(),
            "stations": stations, "confirm": True}


def test_the_api_relays_the_province_and_refuses_a_source_outside(unit_world, scoped_user,
                                                                   sign_in):
    client = sign_in(scoped_user("editor", "con-tien"))
    at = (clock.now() + timedelta(days=3)).replace(microsecond=0)
    ok = client.post("/api/v1/schedules", json=_relay_body(at, "sc-tinh", ["sc-con-tien"]))
    assert ok.status_code == 201, ok.text
    row = db.session.get(ScheduleEntry, ok.get_json()["entries"][0])
    assert (row.station.code, row.relay_station.code, row.kind.value) == (
        "sc-con-tien", "sc-tinh", "relay")
    later = at + timedelta(hours=2)
    for source in ("sc-thuan-hoa", "sc-cua-viet"):  # another province's, a neighbour's
        refused = client.post("/api/v1/schedules",
                              json=_relay_body(later, source, ["sc-con-tien"]))
        assert refused.status_code == 403, refused.text
        error = refused.get_json()["error"]
        assert error["code"] == "station_forbidden"
        assert "nằm ngoài phạm vi" in error["message"]
    # the province station is a source, never a target of a commune editor
    target = client.post("/api/v1/schedules", json=_relay_body(later, "sc-con-tien",
                                                               ["sc-tinh"]))
    assert target.status_code == 403
    assert db.session.query(ScheduleEntry).filter(ScheduleEntry.starts_at >= later).count() == 0


def test_the_forms_refuse_a_relay_or_live_source_outside(unit_world, scoped_user, sign_in):
    client = sign_in(scoped_user("editor", "con-tien"))
    day = (clock.today() + timedelta(days=3)).isoformat()
    entry = {"kind": "relay", "priority": "normal", "date": day, "time": "10:00",
             "minutes": "30", "target": "chosen", "stations": ["sc-con-tien"], "confirm": "1"}
    refused = client.post("/planning/entries/new", data=entry | {"relay_station": "sc-thuan-hoa"})
    assert refused.status_code == 403
    assert "nằm ngoài phạm vi" in refused.text
    live = client.post("/planning/entries/new", data=entry | {"kind": "live",
                                                              "relay_station": "sc-cua-viet"})
    assert live.status_code == 403
    ok = client.post("/planning/entries/new", data=entry | {"relay_station": "sc-tinh"})
    assert ok.status_code == 302, ok.text
    programme = {"name": "Tiếp âm đài tỉnh", "preset": "daily", "start_time": "05:30",
                 "duration_min": "30", "target": "chosen", "stations": ["sc-con-tien"],
                 "confirm": "1"}
    outside = client.post("/planning/programmes/new",
                          data=programme | {"live_station": "sc-thuan-hoa"})
    assert outside.status_code == 403
    assert "nằm ngoài phạm vi" in outside.text
    assert db.session.query(Programme).filter_by(name="Tiếp âm đài tỉnh").count() == 0
    made = client.post("/planning/programmes/new", data=programme | {"live_station": "sc-tinh"})
    assert made.status_code == 302, made.text
