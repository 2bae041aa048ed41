"""Cluster admin pages and the planning form's cluster checkboxes, through the test client."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from radio.clusters import queries
from radio.db import db
from radio.models import ScheduleEntry
from tests.factories.schedules import free_day

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


def test_an_admin_adds_edits_and_ends_a_cluster_and_the_station_page_lists_it(login, client):
    login("admin")
    form = client.get("/admin/clusters/new?station=gio-an")
    assert form.status_code == 200 and 'name="csrf_token"' in form.text
    assert '<option value="gio-an" selected>' in form.text
    resp = client.post("/admin/clusters/new", data={
        "station": "gio-an", "code": "gio-an-an-nha", "name": "Cụm loa thôn An Nha",
        "covers": "Thôn An Nha", "technology": "ip", "latitude": "16,91", "longitude": "107,07",
        "speakers": "8", "valid_from": "01/07/2025"})
    assert resp.status_code == 302, resp.text
    cluster = queries.get_cluster("gio-an-an-nha")
    assert (cluster.technology, cluster.latitude, cluster.speakers, cluster.valid_from) == (
        "ip", 16.91, 8, date(2025, 7, 1))
    listing = client.get(resp.headers["Location"])
    assert "Cụm loa của Xã Gio An" in listing.text and "Thôn An Nha" in listing.text
    station = client.get("/admin/stations/gio-an")
    assert 'data-cluster="gio-an-an-nha"' in station.text and "Cụm loa thôn An Nha" in station.text
    resp = client.post("/admin/clusters/gio-an-an-nha", data={
        "name": "Cụm loa An Nha", "covers": "Thôn An Nha", "technology": "fm",
        "latitude": "16.91", "longitude": "107.07", "speakers": "10"})
    assert resp.status_code == 302, resp.text
    assert (cluster.name, cluster.technology, cluster.speakers) == ("Cụm loa An Nha", "fm", 10)
    resp = client.post("/admin/clusters/gio-an-an-nha/end", data={"on": "31/12/2026"})
    assert resp.status_code == 302
    assert cluster.valid_to == date(2026, 12, 31)


def test_the_cluster_form_shows_the_error_and_keeps_the_input(login, client):
    login("admin")
    resp = client.post("/admin/clusters/new", data={
        "station": "gio-an", "code": "gio-an-sai", "name": "Cụm sai", "latitude": "95",
        "longitude": "107"})
    assert resp.status_code == 400
    assert "Vĩ độ 95 nằm ngoài khoảng −90 đến 90." in resp.text
    assert 'data-field="latitude"' in resp.text and 'value="Cụm sai"' in resp.text


def test_an_editor_cannot_reach_the_cluster_admin(login, client):
    login("editor")
    assert client.get("/admin/clusters").status_code == 403
    assert client.post("/admin/clusters/new", data={"station": "gio-an", "code": "abc",
                                                    "name": "x"}).status_code == 403


def test_the_entry_form_lists_clusters_and_saves_the_chosen_ones(login, client, make_cluster,
                                                                  create_media_item):
    make_cluster("gio-an", code="gio-an-thon-1", name="Thôn Một")
    make_cluster("gio-an", code="gio-an-thon-2", name="Thôn Hai")
    make_cluster("gio-hai", code="gio-hai-thon-1", name="Thôn Gio Hải")
    item = create_media_item("Tin hai thôn qua biểu mẫu", 60)
    db.session.commit()  # a refused form rolls back its own work only
    login("editor")
    page = client.get("/planning/entries/new")
    assert 'name="clusters" value="gio-an-thon-1"' in page.text
    assert "Bản tin khẩn cấp luôn phát trên mọi cụm loa" in page.text
    day = free_day(1)
    data = {"kind": "item", "media_id": str(item.id), "target": "chosen", "stations": "gio-an",
            "date": day.strftime("%d/%m/%Y"), "time": "17:20", "repeat": "none",
            "priority": "normal"}
    refused = client.post("/planning/entries/new",
                          data=data | {"clusters": ["gio-an-thon-1", "gio-hai-thon-1"]})
    assert refused.status_code == 400
    assert "thuộc Xã Gio Hải, không thuộc đài/trạm được chọn" in refused.text
    assert 'value="gio-an-thon-1" checked' in refused.text  # the choice is kept
    resp = client.post("/planning/entries/new",
                       data=data | {"clusters": ["gio-an-thon-1", "gio-an-thon-2"]})
    assert resp.status_code == 302, resp.text
    entry = db.session.scalar(select(ScheduleEntry).where(ScheduleEntry.media_item_id == item.id))
    assert [c.name for c in entry.clusters] == ["Thôn Một", "Thôn Hai"]
    urgent = client.post("/planning/entries/new", data=data | {
        "priority": "emergency", "when": "at", "clusters": ["gio-an-thon-1"]})
    assert urgent.status_code == 400
    assert "Bản tin khẩn cấp luôn phát trên mọi cụm loa của đài/trạm" in urgent.text
