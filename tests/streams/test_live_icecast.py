"""Live sound through a real Icecast and real ffmpeg: going live, relays, URL auth, recording."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
import urllib.request
from datetime import timedelta

from sqlalchemy import func, select

from radio import clock
from radio.models import AsRunEvent, EntryKind, LiveSession, MediaItem, ScheduleEntry
from radio.tools import ffmpeg_path
from tests.live import free_port
from tests.stations.web import WebSession
from tests.streams.conftest import (
    COMMUNE,
    DISTRICT,
    OTHER,
    agent_while_live,
    finished_session,
    go_live,
    listen,
    relay_entry,
    wait_on_air,
)


def relay_url_from_m3u(server, code: str, token: str) -> str:
    body = urllib.request.urlopen(
        f"{server.url}/api/v1/stations/{code}/playlist?format=m3u8&token={token}",
        timeout=30).read().decode()
    urls = [line for line in body.splitlines() if line.startswith(server.icecast)]
    assert len(urls) == 1, body
    assert f"/{DISTRICT}.mp3?token=l." in urls[0]
    assert "# " not in [line[:2] for line in body.splitlines() if "relay" in line]
    return urls[0]


def last_session_id(server) -> int:
    server.seeder.refresh()
    return server.seeder.session.scalar(select(func.max(LiveSession.id))) or 0


def check_pages_while_live(server):
    web = WebSession(server.url)
    web.login("admin")
    deadline = time.monotonic() + 15
    while "Đang phát trực tiếp:</strong>\n<a" not in (page := web.get("/")):
        assert time.monotonic() < deadline, page[-3000:]
        time.sleep(0.3)
    assert re.search(r"Đài huyện \(thử\)</a> \(tiếp âm: Xã Tiếp Âm\)", page), page
    with web.opener.open(f"{server.url}/operator/stations/{DISTRICT}", timeout=30) as resp:
        csp = resp.headers["Content-Security-Policy"]
        body = resp.read().decode()
    assert f"media-src 'self' blob: {server.icecast};" in csp
    assert f'src="{server.icecast}/{DISTRICT}.mp3?token=m.' in body
    status = json.loads(web.get(f"/live/{DISTRICT}/status"))
    assert status == {"station": DISTRICT, "on_air": True, "listeners": 0}


def test_live_file_relay_auth_and_recording(stream_server, tones):
    server = stream_server
    relay_entry(server, COMMUNE, DISTRICT)
    commune_token = server.seeder.token(COMMUNE)
    other_token = server.seeder.token(OTHER)
    relay_url = relay_url_from_m3u(server, COMMUNE, commune_token)
    xspf = urllib.request.urlopen(f"{server.url}/api/v1/stations/{COMMUNE}/playlist?format=xspf"
                                  f"&token={commune_token}", timeout=30).read().decode()
    as_json = urllib.request.urlopen(f"{server.url}/api/v1/stations/{COMMUNE}/playlist"
                                     f"?token={commune_token}", timeout=30).read().decode()
    assert relay_url.replace("&", "&amp;") in xspf
    assert relay_url in as_json.replace("\\u0026", "&")

    source = go_live(server, DISTRICT, tones["20"], "--by", "admin")
    wait_on_air(server, DISTRICT, source)
    check_pages_while_live(server)
    base = f"{server.icecast}/{DISTRICT}.mp3"
    code, decoded, err = listen(relay_url, 11)
    assert code == 0, err[-1500:]
    assert decoded >= 10.0
    for bad in (f"{base}?token=wrong", f"{base}?token={other_token}", base):
        code, decoded, err = listen(bad, 2)
        assert code != 0 and "401" in err, bad
    # Revoking the commune's token revokes its playlist grant and the token itself.
    server.seeder.token(COMMUNE)
    code, _decoded, err = listen(relay_url, 2)
    assert code != 0 and "401" in err
    code, _decoded, err = listen(f"{base}?token={commune_token}", 2)
    assert code != 0 and "401" in err

    _out, err = source.communicate(timeout=60)
    assert source.returncode == 0, err
    assert "Đã kết thúc phát trực tiếp" in err
    session = finished_session(server, DISTRICT)
    assert session.status.value == "ended"
    assert session.started_by_name == "Quản trị hệ thống"
    item = server.seeder.session.get(MediaItem, session.media_item_id)
    assert item.kind.value == "live"
    assert 19.0 <= item.duration_s <= 21.0
    event = server.seeder.session.scalar(
        select(AsRunEvent).where(AsRunEvent.media_sha256 == item.original_sha256))
    assert event is not None and event.status.value == "aired"
    assert event.station_id == server.seeder.station(DISTRICT).id
    assert 19.0 <= (event.ended_at - event.started_at).total_seconds() <= 21.0
    page = WebSession(server.url)
    page.login("admin")
    dashboard = page.get("/")  # the dashboard lists the session with a player of its recording
    assert f'<audio controls preload="none" src="/archive/item/{item.id}/audio">' in dashboard
    verify = server.cli("archive", "verify", check=False)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    # No password or token of the stream reached the logs.
    secrets = (server.data_dir / "icecast" / "secrets.json").read_text()
    password = re.search(r'"source_password": "([^"]+)"', secrets).group(1)
    assert password not in server.log.read_text()
    assert commune_token not in server.log.read_text()


def test_killed_source_leaves_a_closed_playable_recording(stream_server, tones):
    server = stream_server
    before = last_session_id(server)
    source = go_live(server, DISTRICT, tones["60"])
    wait_on_air(server, DISTRICT, source)
    time.sleep(6)
    # The `radio live` process and its ffmpeg die at once, as when the studio PC crashes.
    source.send_signal(signal.SIGKILL)
    source.wait()
    subprocess.run(["pkill", "-KILL", "-P", str(source.pid)], check=False)
    session = finished_session(server, DISTRICT, after_id=before)
    assert session.status.value == "ended"
    item = server.seeder.session.get(MediaItem, session.media_item_id)
    assert 4.0 <= item.duration_s <= 10.0
    path = server.seeder.storage.path(item.original_sha256)
    result = subprocess.run([ffmpeg_path(), "-v", "error", "-i", str(path), "-f", "null", "-"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr == ""


def test_the_agent_relays_the_stream_and_reports_received_seconds(stream_server, tones,
                                                                  tmp_path):
    server = stream_server
    seeder = server.seeder
    t0 = clock.now().replace(microsecond=0) + timedelta(seconds=12)
    commune = seeder.station(OTHER)  # no other relay on its day
    good = ScheduleEntry(station_id=commune.id, kind=EntryKind.relay, starts_at=t0,
                         ends_at=t0 + timedelta(seconds=12),
                         relay_station_id=seeder.station(DISTRICT).id)
    dead = ScheduleEntry(station_id=commune.id, kind=EntryKind.relay,
                         starts_at=t0 + timedelta(seconds=14), ends_at=t0 + timedelta(seconds=18),
                         relay_url=f"http://127.0.0.1:{free_port()}/vov1.mp3")
    with seeder.writing():
        seeder.session.add_all([good, dead])
    token = seeder.token(OTHER)
    before = last_session_id(server)
    source = go_live(server, DISTRICT, tones["60"])
    err = agent_while_live(server, OTHER, token, source, tmp_path,
                           (t0 - clock.now()).total_seconds() + 26)
    seeder.refresh()
    events = {e.entry_id: e for e in seeder.session.scalars(
        select(AsRunEvent).where(AsRunEvent.entry_id.in_([good.id, dead.id])))}
    assert set(events) == {good.id, dead.id}, err[-2000:]
    received = float(re.search(r"Nhận ([\d.]+) giây", events[good.id].note).group(1))
    assert events[good.id].status.value in ("aired", "partial")
    assert 9.0 <= received <= 12.5, events[good.id].note
    assert "mất kết nối 0 lần" in events[good.id].note
    assert events[dead.id].status.value == "failed"
    assert events[dead.id].note.startswith("Không kết nối được nguồn tiếp âm: ")
    assert "Connection refused" in events[dead.id].note
    assert finished_session(server, DISTRICT, after_id=before).status.value == "ended"
