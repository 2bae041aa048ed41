"""A scheduled live session: a live programme slot or a live entry lists the source station's
stream in every playlist format, with the listening station's grant (no sound needed)."""

from __future__ import annotations

import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from media.streams import auth, grants
from media.streams.urls import relay_url_builder
from radio import clock
from radio.db import db
from radio.models import AsRunEvent, EntryKind, Occurrence, ScheduleEntry
from radio.stations import get_station, rotate_token
from schedules.playlists.formats import to_json, to_m3u8, to_xspf
from schedules.playlists.util import playlist_for
from schedules.signing import expiry_for_day, media_url_builder
from tests.factories.schedules import TZ, free_day
from tests.streams.conftest import (
    COMMUNE,
    DISTRICT,
    OTHER,
    agent_while_live,
    go_live,
    listen,
    wait_on_air,
)

SOURCE, LISTENER = "huyen-gio-linh", "gio-an"
NS = {"x": "http://xspf.org/ns/0/"}


def formats(code, day):
    if not get_station(code).token_hash:  # grants are bound to the station's token
        rotate_token(None, get_station(code))
    playlist = playlist_for(code, day)
    settings, secret = current_app.config["RADIO_SETTINGS"], current_app.config["SECRET_KEY"]
    expires = expiry_for_day(day, TZ)
    relay = relay_url_builder(settings, secret, get_station(code), expires)
    url_for = media_url_builder("http://localhost/", secret, expires, relay)
    m3u = [line for line in to_m3u8(playlist, url_for).splitlines() if "/huyen-gio-linh.mp3" in line]
    xspf = ET.fromstring(to_xspf(playlist, url_for))
    xspf_urls = [t.findtext("x:location", namespaces=NS) for t in xspf.iterfind(".//x:track", NS)
                 if "/huyen-gio-linh.mp3" in (t.findtext("x:location", namespaces=NS) or "")]
    json_urls = [i["url"] for i in to_json(playlist, url_for)["items"]
                 if "/huyen-gio-linh.mp3" in (i.get("url") or "")]
    return playlist, m3u, xspf_urls, json_urls


def test_a_live_programme_slot_lists_the_source_stream_with_the_station_grant(app, make_programme):
    day = free_day(0)
    prog = make_programme("Chủ tịch xã trả lời cử tri", rrule="FREQ=DAILY", start_time=time(9, 0),
                          duration_s=1800, valid_from=day, until=day, target="chosen",
                          station_codes=[LISTENER], live_station=SOURCE, confirm=True)
    entry = db.session.scalar(select(ScheduleEntry).join(Occurrence).where(
        Occurrence.programme_id == prog.id))
    assert entry.kind == EntryKind.live and entry.relay_station_id == get_station(SOURCE).id
    playlist, m3u, xspf_urls, json_urls = formats(LISTENER, day)
    items = [i for i in playlist.items if i.relay_station == SOURCE]
    assert len(items) == 1
    assert items[0].kind == "relay" and items[0].duration_s == 1800.0
    assert items[0].title == "Chủ tịch xã trả lời cử tri"
    assert items[0].starts_at.astimezone(TZ).time() == time(9, 0)
    assert len(m3u) == 1 and m3u[0].startswith("http://127.0.0.1:8000/huyen-gio-linh.mp3?token=l.")
    assert xspf_urls == m3u and json_urls == m3u
    # Icecast's URL authentication lets that grant hear the source during the slot only.
    token = m3u[0].split("token=")[1]
    at = items[0].starts_at.astimezone(UTC) + timedelta(minutes=10)
    form = {"action": "listener_add", "mount": f"/{SOURCE}.mp3?token={token}"}
    assert auth.listener_allowed(form, current_app.config["SECRET_KEY"], at)
    assert not auth.listener_allowed(form, current_app.config["SECRET_KEY"],
                                     at + timedelta(hours=2))


def test_a_live_entry_for_one_station_lists_the_source_stream(app):
    day = free_day(1)
    begin = datetime.combine(day, time(10, 0), TZ).astimezone(UTC)
    db.session.add(ScheduleEntry(station_id=get_station(LISTENER).id, kind=EntryKind.live,
                                 starts_at=begin, ends_at=begin + timedelta(minutes=20),
                                 relay_station_id=get_station(SOURCE).id))
    db.session.flush()
    playlist, m3u, xspf_urls, json_urls = formats(LISTENER, day)
    items = [i for i in playlist.items if i.relay_station == SOURCE]
    assert [(i.kind, i.duration_s, i.title) for i in items] == [
        ("relay", 1200.0, "Phát trực tiếp Đài truyền thanh huyện Gio Linh")]
    assert len(m3u) == 1 and xspf_urls == m3u and json_urls == m3u
    token = m3u[0].split("token=")[1]
    assert grants.authorize(current_app.config["SECRET_KEY"], token, get_station(SOURCE),
                            begin + timedelta(minutes=1)) == get_station(LISTENER)


def test_the_planning_and_live_pages_show_the_next_live_slot(app, make_programme, client, login):
    day = free_day(2)
    make_programme("Hỏi đáp trực tiếp", rrule="FREQ=DAILY", start_time=time(15, 30),
                   duration_s=1200, valid_from=day, until=day, target="chosen",
                   station_codes=[LISTENER, "gio-hai"], live_station=SOURCE, confirm=True)
    login("admin")
    page = client.get("/planning/").get_data(as_text=True)
    section = page.split('id="live-slots"')[1].split("</table>")[0]
    assert f"{day:%d/%m/%Y} 15:30 – 15:50" in section
    assert "Đài truyền thanh huyện Gio Linh" in section and "Hỏi đáp trực tiếp" in section
    assert "Xã Gio An, Xã Gio Hải" in section
    page = client.get(f"/live/{SOURCE}").get_data(as_text=True)
    card = page.split('id="next-live"')[1].split("</section>")[0]
    assert f"{day:%d/%m/%Y} 15:30 – 15:50: <strong>Hỏi đáp trực tiếp</strong>" in card
    assert "Các đài/trạm phát: Xã Gio An, Xã Gio Hải" in card
    # A commune with nothing scheduled says so.
    page = client.get("/live/gio-hai").get_data(as_text=True)
    assert "Chưa có buổi phát trực tiếp nào được lên lịch cho đài này." in page


# -- with a real Icecast and real ffmpeg (tests/streams/conftest.py) ---------------------------

def live_entry(server, listener: str, source: str, starts_at, seconds: float) -> ScheduleEntry:
    seeder = server.seeder
    entry = ScheduleEntry(station_id=seeder.station(listener).id, kind=EntryKind.live,
                          starts_at=starts_at, ends_at=starts_at + timedelta(seconds=seconds),
                          relay_station_id=seeder.station(source).id)
    with seeder.writing():
        seeder.session.add(entry)
    return entry


def test_a_scheduled_live_slot_plays_from_the_station_playlist(stream_server, tones):
    server = stream_server
    live_entry(server, COMMUNE, DISTRICT, clock.now().replace(microsecond=0)
               - timedelta(seconds=5), 600)
    body = urllib.request.urlopen(
        f"{server.url}/api/v1/stations/{COMMUNE}/playlist?format=m3u8"
        f"&token={server.seeder.token(COMMUNE)}", timeout=30).read().decode()
    urls = [line for line in body.splitlines() if line.startswith(server.icecast)]
    assert len(urls) == 1 and f"/{DISTRICT}.mp3?token=l." in urls[0], body
    assert "#EXTINF:600,Phát trực tiếp Đài huyện (thử)" in body
    source = go_live(server, DISTRICT, tones["20"])
    try:
        wait_on_air(server, DISTRICT, source)
        code, decoded, err = listen(urls[0], 6)
        assert code == 0, err[-2000:]
        assert decoded >= 5.0, err[-2000:]
        # Another commune with no live slot is refused by Icecast's URL authentication.
        other = urls[0].split("?token=")[0] + f"?token={server.seeder.token(OTHER)}"
        code, decoded, _err = listen(other, 3)
        assert decoded == 0.0
    finally:
        source.terminate()
        source.wait(30)


def test_the_agent_plays_a_scheduled_live_slot_and_reports_received_seconds(stream_server, tones,
                                                                           tmp_path):
    server = stream_server
    seeder = server.seeder
    t0 = clock.now().replace(microsecond=0) + timedelta(seconds=12)
    entry = live_entry(server, OTHER, DISTRICT, t0, 10)
    token = seeder.token(OTHER)
    source = go_live(server, DISTRICT, tones["60"])
    err = agent_while_live(server, OTHER, token, source, tmp_path,
                           (t0 - clock.now()).total_seconds() + 16)
    seeder.refresh()
    event = seeder.session.scalar(select(AsRunEvent).where(AsRunEvent.entry_id == entry.id))
    assert event is not None, err[-2000:]
    assert event.status.value in ("aired", "partial")
    received = float(re.search(r"Nhận ([\d.]+) giây", event.note).group(1))
    assert 7.0 <= received <= 10.5, event.note
    assert event.title == "Phát trực tiếp Đài huyện (thử)"


def test_radio_schedule_add_live_puts_a_live_slot_on_the_stations(app, runner):
    day = free_day(3)
    result = runner.invoke(args=[
        "schedule", "add", "--live", "--relay-station", SOURCE, "--minutes", "15",
        "--station", f"{LISTENER},gio-hai", "--at", f"{day.isoformat()} 06:00", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["station"], r["kind"], r["title"], r["starts_at"][11:], r["ends_at"][11:])
            for r in rows] == [
        (code, "live", "Phát trực tiếp Đài truyền thanh huyện Gio Linh", "06:00:00+07:00",
         "06:15:00+07:00") for code in (LISTENER, "gio-hai")]
    _playlist, m3u, _x, _j = formats("gio-hai", day)
    assert len(m3u) == 1
    refused = runner.invoke(args=["schedule", "add", "--live", "--minutes", "15", "--station",
                                  LISTENER, "--at", f"{day.isoformat()} 07:00"])
    assert refused.exit_code == 1
    assert "Phát trực tiếp cần --relay-station (đài phát trực tiếp)." in refused.output


def test_the_forms_schedule_a_live_entry_and_a_live_programme(app, client, login):
    day = free_day(4)
    login("editor")
    resp = client.post("/planning/entries/new", data={
        "kind": "live", "relay_station": SOURCE, "minutes": "10", "target": "chosen",
        "stations": [LISTENER], "date": day.strftime("%d/%m/%Y"), "time": "06:05",
        "priority": "normal", "repeat": "none"})
    assert resp.status_code == 302, resp.get_data(as_text=True).split("role=\"alert\"")[-1][:600]
    entry = db.session.scalar(select(ScheduleEntry).order_by(ScheduleEntry.id.desc()).limit(1))
    assert (entry.kind, entry.relay_station.code, entry.station.code) == (
        EntryKind.live, SOURCE, LISTENER)
    assert (entry.ends_at - entry.starts_at) == timedelta(minutes=10)
    resp = client.post("/planning/programmes/new", data={
        "name": "Đối thoại trực tiếp", "preset": "custom", "rrule": "FREQ=DAILY",
        "start_time": "17:10", "duration_min": "30", "valid_from": day.strftime("%d/%m/%Y"),
        "valid_until": day.strftime("%d/%m/%Y"), "target": "chosen", "stations": ["gio-hai"],
        "live_station": SOURCE})
    assert resp.status_code == 302, resp.get_data(as_text=True).split("role=\"alert\"")[-1][:600]
    prog_id = int(resp.headers["Location"].rstrip("/").split("/")[-1])
    edit = client.get(f"/planning/programmes/{prog_id}/edit").get_data(as_text=True)
    assert f'<option value="{SOURCE}" selected>' in edit.split('name="live_station"')[1]
    page = client.get(f"/planning/programmes/{prog_id}").get_data(as_text=True)
    assert ("Mỗi số phát là luồng trực tiếp của Đài truyền thanh huyện Gio Linh, không theo "
            "danh mục tin bài.") in page
    _playlist, m3u, _x, _j = formats("gio-hai", day)
    assert len(m3u) == 1
