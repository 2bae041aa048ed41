"""A commune editor targets an item at two clusters through the planning form (real Chromium
against the live server), and the station's playlist then lists exactly those two."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import select

from tests.factories.schedules import TZ, free_day
from tests.factories.stations import LiveSeeder
from tests.live import TEST_PASSWORD
from tests.stations.conftest import http

pytestmark = pytest.mark.browser

STATION = "gio-chau"
CLUSTERS = (("br-gio-chau-1", "Cụm loa thôn Lễ Môn"), ("br-gio-chau-2", "Cụm loa thôn Hà Thanh"),
            ("br-gio-chau-3", "Cụm loa thôn Phước Thị"))


@pytest.fixture
def seeded_clusters(live_server, tmp_path):
    from radio.accounts import operations as accounts
    from radio.models import StationUnit

    seeder = LiveSeeder(live_server, tmp_path)
    for code, name in CLUSTERS:
        live_server.cli("cluster", "add", "--station", STATION, "--code", code, "--name", name,
                        "--technology", "wired", "--speakers", "4", "--from", "2024-01-01")
    with seeder.writing():
        editor = accounts.create_user(None, username="bien-tap-gio-chau", password=TEST_PASSWORD,
                                      role="editor", full_name="Biên tập viên xã Gio Châu")
        # A commune editor: scoped to the station's unit when the network has units (the scopes
        # work narrows what such an editor sees; here the account only needs to be an editor).
        station = seeder.station(STATION)
        term = seeder.session.scalar(select(StationUnit).where(
            StationUnit.station_id == station.id).order_by(StationUnit.valid_from.desc()))
        if term is not None:
            editor.unit_id = term.unit_id
    item = seeder.media(3.0, 613, "Thông báo lịch tiêm chủng thôn Lễ Môn, Hà Thanh")
    yield {"seeder": seeder, "item": item, "token": seeder.token(STATION)}
    seeder.close()


def test_a_commune_editor_targets_an_item_at_two_clusters(page, login_as, live_server,
                                                         seeded_clusters):
    seeder, item = seeded_clusters["seeder"], seeded_clusters["item"]
    day = free_day(8)
    start = seeder.free_start(STATION, datetime.combine(day, time(17, 20), TZ), 3)
    login_as("bien-tap-gio-chau")
    page.goto("/planning/entries/new")
    page.check("input[name=kind][value=item]")
    page.select_option("select[name=media_id]", value=str(item.id))
    page.check("input[name=target][value=chosen]")
    page.check(f"input[name=stations][value={STATION}]")
    group = page.locator(f"#entry-clusters .cluster-group[data-station={STATION}]")
    assert group.locator("input[name=clusters]").count() == 3
    assert "Bản tin khẩn cấp luôn phát trên mọi cụm loa" in page.inner_text("#entry-clusters")
    page.check("input[name=clusters][value=br-gio-chau-1]")
    page.check("input[name=clusters][value=br-gio-chau-2]")
    page.fill("input[name=date]", start.strftime("%d/%m/%Y"))
    page.fill("input[name=time]", start.astimezone(TZ).strftime("%H:%M"))
    with page.expect_navigation(wait_until="load"):
        page.click("text=Lưu lịch phát")
    assert "Đã thêm 1 lịch phát." in page.inner_text(".flash")
    resp = http("GET", f"{live_server.url}/api/v1/stations/{STATION}/playlist?date={day}",
                token=seeded_clusters["token"])
    assert resp.status == 200
    mine = [i for i in resp.json()["items"] if i["media_id"] == item.id]
    assert len(mine) == 1
    assert mine[0]["clusters"] == [{"code": "br-gio-chau-1", "name": "Cụm loa thôn Lễ Môn"},
                                   {"code": "br-gio-chau-2", "name": "Cụm loa thôn Hà Thanh"}]
