"""A real player (ffmpeg) plays a station's M3U playlist from a live server, every entry."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from radio.tools import ffmpeg_path
from tests.factories.schedules import free_day
from tests.factories.stations import LiveSeeder

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NS = {"x": "http://xspf.org/ns/0/"}
STATION = "linh-truong"  # no other feature's live tests use this station
LENGTHS = [(2.0, 440), (3.0, 523), (2.5, 659)]


@pytest.fixture(scope="module")
def player_server(live_server, tmp_path_factory):
    """The shared live server with three real items on one station, on a day the demo leaves free."""
    seeder = LiveSeeder(live_server, tmp_path_factory.mktemp("player-audio"))
    items = [seeder.media(sec, freq, f"Tin thử {i + 1}, “CCHC”") for i, (sec, freq)
             in enumerate(LENGTHS)]
    day = free_day(0)
    for i, item in enumerate(items):
        seeder.entry(STATION, item, datetime.combine(day, time(6, 5 + i), tzinfo=TZ)
                     .astimezone(UTC))
    token = seeder.token(STATION)
    seeder.close()
    return live_server, day, token, items


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.read()


def playlist_url(server, day, token, fmt):
    return (f"{server.url}/api/v1/stations/{STATION}/playlist?format={fmt}&date={day}"
            f"&token={token}")


def test_ffmpeg_decodes_every_entry_of_the_m3u_playlist(player_server):
    server, day, token, items = player_server
    url = playlist_url(server, day, token, "m3u8")
    body = fetch(url).decode()
    # The three media entries, plus the demo's relay of the district: its stream URL (the
    # stream server is off here, so the player skips it).
    assert body.count("/api/v1/signed/") == 3
    assert body.count("#EXTINF:") == 4 and "/huyen-gio-linh.mp3?token=l." in body
    result = subprocess.run(
        [ffmpeg_path(), "-hide_banner", "-nostdin", "-protocol_whitelist",
         "http,tcp,crypto,tls,https",
         # a new connection per entry: reusing one that the server's keep-alive (2 s) just
         # closed makes ffmpeg reconnect, reopen the entry and decode part of it twice
         "-http_persistent", "0", "-i", url, "-f", "null", "-"],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    opened = re.findall(r"Opening '([^']+)' for reading", result.stderr)
    # ffmpeg reopens a URL when a kept-alive connection was closed under it: count each entry once.
    assert len({u for u in opened if "/api/v1/signed/" in u}) == 3, result.stderr[-2000:]
    h, m, s = re.findall(r"time=(\d+):(\d+):(\d+\.\d+)", result.stderr)[-1]
    total = int(h) * 3600 + int(m) * 60 + float(s)
    assert total == pytest.approx(sum(sec for sec, _f in LENGTHS), abs=0.5)


def test_cli_playlist_lists_the_entries_with_working_signed_urls(player_server):
    server, day, _token, items = player_server
    out = server.cli("playlist", STATION, "--date", day.isoformat(), "--format", "json",
                     "--base-url", server.url).stdout
    media = [i for i in json.loads(out)["items"] if i["kind"] == "media"]
    assert [i["media_id"] for i in media] == [it.id for it in items]
    assert [i["starts_at"][11:19] for i in media] == ["06:05:00", "06:06:00", "06:07:00"]
    assert all(i["starts_at"].endswith("+07:00") for i in media)
    assert len(fetch(media[0]["url"])) > 1000


def test_xspf_from_the_server_matches_json_entry_by_entry(player_server):
    server, day, token, _items = player_server
    data = json.loads(fetch(playlist_url(server, day, token, "json")))
    root = ET.fromstring(fetch(playlist_url(server, day, token, "xspf")))
    tracks = root.findall("x:trackList/x:track", NS)
    assert [(t.findtext("x:title", namespaces=NS), t.findtext("x:location", namespaces=NS),
             int(t.findtext("x:duration", namespaces=NS))) for t in tracks] == [
        (i["title"], i["url"], round(i["duration_s"] * 1000)) for i in data["items"]]


def test_cli_refuses_an_overlapping_entry_with_exit_1(player_server):
    server, day, _token, items = player_server
    result = server.cli("schedule", "add", "--media", str(items[0].id), "--station", STATION,
                        "--at", f"{day.isoformat()} 06:05", check=False)
    assert result.returncode == 1
    assert "Trùng giờ với “Tin thử 1, “CCHC”" in result.stderr
    listed = server.cli("schedule", "list", "--station", STATION, "--date", day.isoformat(),
                        "--json").stdout
    assert len([e for e in json.loads(listed) if e["kind"] == "item"]) == 3
