"""Clusters through real HTTP on the shared live server: the API schedules an item for two
clusters, the station's playlist (JSON, m3u8) names exactly those, the agent says where it
plays; a cluster of another station is refused; an emergency is for every cluster."""

from __future__ import annotations

import json
import logging
from datetime import datetime, time, timedelta

import pytest

from radio.agent.clock import Clock
from radio.agent.players import FilePlayer
from radio.agent.runner import Agent, Settings
from radio.models import ScheduleEntry
from radio.security import hash_token
from tests.factories.schedules import TZ, free_day
from tests.factories.stations import LiveSeeder
from tests.stations.conftest import http

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

EDITOR_TOKEN = "clusters-live-editor-token-0123456789"
STATION, OTHER = "gio-viet", "linh-hai"


@pytest.fixture(scope="module")
def live(live_server, tmp_path_factory):
    from radio.accounts import operations as accounts

    seeder = LiveSeeder(live_server, tmp_path_factory.mktemp("clusters-audio"))
    for station, code, name in ((STATION, "lv-gio-viet-1", "Cụm loa thôn Xuân Ngọc"),
                                (STATION, "lv-gio-viet-2", "Cụm loa thôn Mai Xá"),
                                (STATION, "lv-gio-viet-3", "Cụm loa thôn Tân Minh"),
                                (OTHER, "lv-linh-hai-1", "Cụm loa thôn Hải Chữ")):
        live_server.cli("cluster", "add", "--station", station, "--code", code, "--name", name,
                        "--technology", "ip", "--speakers", "6", "--from", "2024-01-01")
    with seeder.writing():
        user = accounts.create_user(None, username="bien-tap-cum-loa", password="x" * 12,
                                    role="editor")
        user.api_token_hash = hash_token(EDITOR_TOKEN)
    item = seeder.media(3.0, 587, "Tin cho hai cụm loa")
    yield {"server": live_server, "seeder": seeder, "item": item,
           "token": seeder.token(STATION), "other_token": seeder.token(OTHER)}
    seeder.close()


def schedule(live, **body) -> tuple[int, dict]:
    resp = http("POST", f"{live['server'].url}/api/v1/schedules", token=EDITOR_TOKEN,
                body={"media_id": live["item"].id, "confirm": True} | body)
    return resp.status, resp.json()


def playlist(live, code: str, day, fmt: str = "json", token: str | None = None):
    resp = http("GET", f"{live['server'].url}/api/v1/stations/{code}/playlist?date={day}"
                f"&format={fmt}", token=token or live["token"])
    assert resp.status == 200, resp.body
    return resp.json() if fmt == "json" else resp.body.decode()


class FixedClock(Clock):
    def __init__(self, at: datetime):
        self.at = at

    def now(self) -> datetime:
        return self.at


def test_an_item_for_two_clusters_is_in_the_playlist_for_exactly_those(live, tmp_path, caplog):
    day = free_day(5)
    start = live["seeder"].free_start(STATION, datetime.combine(day, time(17, 5), TZ), 3)
    status, body = schedule(live, starts_at=start.astimezone(TZ).isoformat(),
                            stations=[STATION], clusters=["lv-gio-viet-2", "lv-gio-viet-1"])
    assert status == 201, body
    [entry_id] = body["entries"]
    try:
        data = playlist(live, STATION, day)
        [item] = [i for i in data["items"] if i["entry_id"] == entry_id]
        assert item["clusters"] == [{"code": "lv-gio-viet-1", "name": "Cụm loa thôn Xuân Ngọc"},
                                    {"code": "lv-gio-viet-2", "name": "Cụm loa thôn Mai Xá"}]
        m3u = playlist(live, STATION, day, "m3u8")
        assert ("# clusters: lv-gio-viet-1 (Cụm loa thôn Xuân Ngọc), lv-gio-viet-2 "
                "(Cụm loa thôn Mai Xá)") in m3u
        assert "lv-gio-viet-3" not in m3u
        # The agent plays it and says on which clusters.
        at = datetime.fromisoformat(item["starts_at"]) + timedelta(seconds=1)
        agent = Agent(live["server"].url, STATION, live["token"], tmp_path / "cache",
                      FilePlayer(tmp_path / "played"), settings=Settings(days=1),
                      clock=FixedClock(at))
        try:
            assert agent.sync()
            with caplog.at_level(logging.INFO, logger="radio.agent"):
                agent.tick()
            assert agent.playing and agent.playing.item.data["entry_id"] == entry_id
            assert ("trên cụm loa Cụm loa thôn Xuân Ngọc, Cụm loa thôn Mai Xá"
                    in caplog.text), caplog.text
            assert agent.playing.item.audience == (
                "cụm loa Cụm loa thôn Xuân Ngọc, Cụm loa thôn Mai Xá")
            plays = [json.loads(line) for line in
                     (tmp_path / "played" / "plays.jsonl").read_text().splitlines()]
            assert plays[-1]["clusters"] == ["lv-gio-viet-1", "lv-gio-viet-2"]
        finally:
            agent.journal.close()
    finally:
        live["seeder"].refresh()
        live["seeder"].cancel(live["seeder"].session.get(ScheduleEntry, entry_id))


def test_a_cluster_of_another_station_is_refused_with_a_clear_error(live):
    day = free_day(6)
    status, body = schedule(live, starts_at=f"{day.isoformat()}T17:10:00+07:00",
                            stations=[STATION], clusters=["lv-gio-viet-1", "lv-linh-hai-1"])
    assert status == 400
    assert body["error"]["code"] == "cluster_other_station"
    assert body["error"]["message"] == ("Cụm loa “Cụm loa thôn Hải Chữ” thuộc Xã Linh Hải, "
                                        "không thuộc đài/trạm được chọn (Xã Gio Việt).")
    status, body = schedule(live, starts_at=f"{day.isoformat()}T17:10:00+07:00",
                            stations=[STATION], clusters="lv-gio-viet-1")
    assert status == 400 and body["error"]["code"] == "invalid_field"
    assert not [i for i in playlist(live, STATION, day)["items"]
                if i["title"] == "Tin cho hai cụm loa"]


def test_an_emergency_playlist_says_every_cluster(live):
    from schedules.entries import operations as entry_ops

    seeder = live["seeder"]
    day = free_day(7)
    with seeder.writing():
        [row] = entry_ops.send_emergency(None, stations=[seeder.station(OTHER)],
                                         media_id=live["item"].id,
                                         at=datetime.combine(day, time(9, 0), TZ))
    try:
        data = playlist(live, OTHER, day, token=live["other_token"])
        [item] = [i for i in data["items"] if i["entry_id"] == row.id]
        assert item["priority"] == "emergency" and item["clusters"] == []
        lines = playlist(live, OTHER, day, "m3u8", token=live["other_token"]).splitlines()
        stamp = next(n for n, line in enumerate(lines) if line.endswith(" emergency"))
        assert lines[stamp + 1] == "# clusters: all"
    finally:
        seeder.cancel(row)
