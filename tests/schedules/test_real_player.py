"""A real player (ffmpeg) plays a station's M3U playlist from a live server, every entry."""

from __future__ import annotations

import re
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from radio.tools import ffmpeg_path
from tests.factories.stations import LiveSeeder

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NS = {"x": "http://xspf.org/ns/0/"}
LENGTHS = [(2.0, 440), (3.0, 523), (2.5, 659)]


@pytest.fixture(scope="module")
def player_server(tmp_path_factory):
    """A private live server (its own demo DB) with three real items scheduled on gio-an."""
    from tests.conftest import LiveServer, drop_database, fresh_database_url

    folder = tmp_path_factory.mktemp("player")
    url = fresh_database_url(folder, "player")
    server = LiveServer(folder, url, {"RADIO_SCHEDULER": "0"})
    server.cli("init", "--demo")
    seeder = LiveSeeder(server, tmp_path_factory.mktemp("player-audio"))
    items = [seeder.media(sec, freq, f"Tin thử {i + 1}, “CCHC”") for i, (sec, freq)
             in enumerate(LENGTHS)]
    day = (datetime.now(UTC).astimezone(TZ) + timedelta(days=2)).date()
    for i, item in enumerate(items):
        server.cli("schedule", "add", "--media", str(item.id), "--station", "gio-an",
                   "--at", f"{day.isoformat()} 05:3{5 + i}")
    token = seeder.token("gio-an")
    seeder.close()
    server.start()
    yield server, day, token, items
    server.stop()
    drop_database(url)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.read()


def test_ffmpeg_decodes_every_entry_of_the_m3u_playlist(player_server):
    server, day, token, items = player_server
    url = f"{server.url}/api/v1/stations/gio-an/playlist?format=m3u8&date={day}&token={token}"
    text = fetch(url).decode()
    assert text.count("#EXTINF:") == 3
    result = subprocess.run(
        [ffmpeg_path(), "-hide_banner", "-nostdin", "-protocol_whitelist",
         "http,tcp,crypto,tls,https", "-f", "hls", "-i", url, "-f", "null", "-"],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    opened = re.findall(r"Opening '([^']+)' for reading", result.stderr)
    assert len([u for u in opened if "/api/v1/signed/" in u]) == 3, result.stderr[-2000:]
    decoded = re.findall(r"time=(\d+):(\d+):(\d+\.\d+)", result.stderr)
    h, m, s = decoded[-1]
    total = int(h) * 3600 + int(m) * 60 + float(s)
    assert total == pytest.approx(sum(sec for sec, _f in LENGTHS), abs=0.5)


def test_cli_playlist_matches_the_server_entries(player_server):
    server, day, _token, items = player_server
    out = server.cli("playlist", "gio-an", "--date", day.isoformat(), "--format", "json",
                     "--base-url", server.url).stdout
    import json

    data = json.loads(out)
    assert [i["media_id"] for i in data["items"]] == [it.id for it in items]
    assert [i["starts_at"][11:19] for i in data["items"]] == ["05:35:00", "05:36:00", "05:37:00"]
    # Each signed URL in it really serves the file.
    assert len(fetch(data["items"][0]["url"])) > 1000


def test_xspf_from_the_server_matches_json_entry_by_entry(player_server):
    server, day, token, _items = player_server
    base = f"{server.url}/api/v1/stations/gio-an/playlist?date={day}&token={token}"
    import json

    data = json.loads(fetch(base + "&format=json"))
    root = ET.fromstring(fetch(base + "&format=xspf"))
    tracks = root.findall("x:trackList/x:track", NS)
    assert [(t.findtext("x:title", namespaces=NS), t.findtext("x:location", namespaces=NS),
             int(t.findtext("x:duration", namespaces=NS))) for t in tracks] == [
        (i["title"], i["url"], round(i["duration_s"] * 1000)) for i in data["items"]]


def test_cli_refuses_an_overlapping_entry_with_exit_1(player_server):
    server, day, _token, items = player_server
    result = server.cli("schedule", "add", "--media", str(items[0].id), "--station", "gio-an",
                        "--at", f"{day.isoformat()} 05:35", check=False)
    assert result.returncode == 1
    assert "Trùng giờ với “Tin thử 1, “CCHC”" in result.stderr
    listed = server.cli("schedule", "list", "--station", "gio-an", "--date", day.isoformat(),
                        "--json").stdout
    import json

    assert len([e for e in json.loads(listed) if e["kind"] == "item"]) == 3
