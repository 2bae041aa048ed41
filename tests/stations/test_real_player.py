"""A real player: mpv plays a station's M3U URL with the token in the query string."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.stations.conftest import http

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


@pytest.mark.skipif(shutil.which("mpv") is None and shutil.which("ffmpeg") is None,
                    reason="needs mpv or ffmpeg")
def test_mpv_plays_the_station_m3u_url_with_a_query_token(seeded):
    url, token = seeded["server"].url, seeded["tokens"]["trung-son"]
    entry = seeded["entries"]["trung-son"][0]
    day = entry.starts_at.astimezone(seeded["seeder"].tz).date()
    m3u = f"{url}/api/v1/stations/trung-son/playlist?date={day}&format=m3u8&token={token}"
    body = http("GET", m3u).body.decode()
    assert "/api/v1/signed/" in body
    log_size = seeded["server"].log.stat().st_size
    if shutil.which("mpv"):
        cmd = ["mpv", "--no-video", "--ao=null", "--no-config", "--msg-level=all=info",
               "--length=4", m3u]
    else:
        cmd = ["ffmpeg", "-hide_banner", "-i", m3u, "-t", "4", "-f", "null", "-"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    served = seeded["server"].log.read_text()[log_size:]
    assert "GET /api/v1/signed/" in served and '" 200' in served
    assert "AO: [null]" in result.stdout + result.stderr or not shutil.which("mpv")
