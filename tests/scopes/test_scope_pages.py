"""Lists, pickers, scheduling and the archive, as scoped users see them over HTTP."""

from __future__ import annotations

from datetime import timedelta

from radio import clock
from radio.db import db
from radio.models import ScheduleEntry


def _codes_in(body: str, world) -> set[str]:
    return {s.code for s in world.stations.values() if f"{s.code}\"" in body or
            f"/{s.code}/" in body}


def test_a_commune_editor_lists_only_its_stations(unit_world, scoped_user, sign_in):
    client = sign_in(scoped_user("editor", "con-tien"))
    new = unit_world.codes("con-tien")  # the old stations closed on 30/6/2025
    # the planning forms also offer the province station as a relay source (test_relay_sources)
    for url, codes in (("/planning/entries/new", new | unit_world.codes("tinh")),
                       ("/emergency/new", new),
                       ("/planning/programmes/new", new | unit_world.codes("tinh"))):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _codes_in(response.text, unit_world) == codes, url
    board = client.get("/")
    assert board.status_code == 200
    assert _codes_in(board.text, unit_world) == unit_world.codes("con-tien", "gio-an",
                                                                 "linh-truong")


def test_a_province_auditor_lists_every_commune_of_the_province(unit_world, scoped_user,
                                                               sign_in):
    client = sign_in(scoped_user("auditor", "qt"))
    board = client.get("/")
    assert _codes_in(board.text, unit_world) == unit_world.codes(
        "huyen", "gio-an", "linh-truong", "gio-hai", "gio-mai", "hai-dinh", "con-tien",
        "cua-viet", "dong-hoi", "tinh")
    assert "gio-an\"" not in board.text.replace("sc-gio-an", "")  # the demo's stations are out


def test_a_commune_editor_cannot_schedule_on_a_neighbours_station(
        unit_world, scoped_user, sign_in, create_media_item):
    item = create_media_item()
    client = sign_in(scoped_user("editor", "con-tien"))
    at = (clock.now() + timedelta(days=3)).replace(microsecond=0)
    body = {"media_id": item.id, "starts_at": at.isoformat(), "confirm": True}
    refused = client.post("/api/v1/schedules", json=body | {"stations": ["sc-cua-viet"]})
    assert refused.status_code == 403, refused.text
    assert refused.get_json()["error"]["code"] == "station_forbidden"
    mixed = client.post("/api/v1/schedules",
                        json=body | {"stations": ["sc-con-tien", "sc-cua-viet"]})
    assert mixed.status_code == 403
    assert db.session.query(ScheduleEntry).filter_by(
        station_id=unit_world.station("cua-viet").id).count() == 0
    ok = client.post("/api/v1/schedules", json=body | {"stations": ["sc-con-tien"]})
    assert ok.status_code == 201, ok.text
    # "all stations" means all the stations of the editor's scope
    everything = client.post("/api/v1/schedules", json=body | {
        "target": "all", "starts_at": (at + timedelta(hours=2)).isoformat()})
    assert everything.status_code == 201, everything.text
    rows = db.session.query(ScheduleEntry).filter(
        ScheduleEntry.id.in_(everything.get_json()["entries"])).all()
    assert {r.station.code for r in rows} == {"sc-con-tien"}
    form = client.post("/planning/entries/new", data={
        "kind": "item", "priority": "normal", "date": at.date().isoformat(), "time": "10:00",
        "target": "chosen", "stations": ["sc-cua-viet"], "media_id": str(item.id),
        "confirm": "1"})
    assert form.status_code == 403


def test_a_commune_editor_cannot_plan_a_network_wide_programme(unit_world, scoped_user,
                                                              sign_in):
    client = sign_in(scoped_user("editor", "con-tien"))
    response = client.post("/planning/programmes/new", data={
        "name": "Thời sự xã", "preset": "daily", "start_time": "06:00", "duration_min": "15",
        "target": "all"})
    assert response.status_code == 403


def test_an_auditor_reports_and_exports_only_stations_in_scope(unit_world, scoped_user,
                                                              sign_in):
    client = sign_in(scoped_user("auditor", "cua-viet"))
    report = client.get("/api/v1/archive/report?period=2025")
    assert report.status_code == 200
    [stations] = [t for t in report.get_json()["tables"] if t["key"] == "stations"]
    assert stations["rows"], "the scope's stations are in the report"
    assert {row[1] for row in stations["rows"]} == unit_world.codes("cua-viet", "gio-hai",
                                                                    "gio-mai")
    assert client.get("/archive/report.xlsx?period=2025").status_code == 200
    assert client.get("/archive/package.zip?period=2025-01").status_code == 403
    assert client.get("/api/v1/archive/package.zip?period=2025-01").status_code == 403
    assert client.get("/archive/station/sc-gio-mai").status_code == 200
    assert client.get("/archive/station/sc-gio-an").status_code == 403


def test_an_auditor_without_a_unit_reports_on_the_whole_network(unit_world, scoped_user,
                                                               sign_in):
    client = sign_in(scoped_user("auditor", None))
    report = client.get("/api/v1/archive/report?period=2025")
    [stations] = [t for t in report.get_json()["tables"] if t["key"] == "stations"]
    text = str(stations["rows"])
    assert "Cồn Tiên" in text and "Cửa Việt" in text and "Thuận Hóa" in text
