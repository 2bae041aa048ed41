"""A live `radio serve` with a real Icecast on a free port, and helpers to stream and listen."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.models import EntryKind, LiveSession, ScheduleEntry
from radio.tools import ffmpeg_path
from tests.dbutil import drop_database, fresh_database_url
from tests.factories.audio import tone
from tests.factories.stations import LiveSeeder
from tests.live import RADIO, LiveServer, free_port
from tests.procs import assert_none_left

ICECAST = "/usr/bin/icecast2"
DISTRICT, COMMUNE, OTHER = "huyen-live", "xa-tiep-am", "xa-khac"
# A station agent that syncs, polls and uploads within seconds.
AGENT_ENV = {"RADIO_AGENT_SYNC_S": "2", "RADIO_AGENT_NOW_S": "1", "RADIO_AGENT_UPLOAD_S": "1",
             "RADIO_AGENT_HEARTBEAT_S": "5", "RADIO_AGENT_TICK_S": "0.1"}
_TIME = re.compile(r"time=(\d+):(\d\d):(\d\d(?:\.\d+)?)")


@pytest.fixture(scope="module")
def stream_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stream")
    url = fresh_database_url(folder, "stream")
    port = free_port()
    server = LiveServer(folder, url, {"RADIO_ICECAST": ICECAST, "RADIO_ICECAST_PORT": str(port),
                                      "RADIO_WORKERS": "1"})
    server.icecast = f"http://127.0.0.1:{port}"
    server.cli("init")
    server.cli("station", "add", DISTRICT, "--name", "Đài huyện (thử)", "--kind", "district")
    server.cli("station", "add", COMMUNE, "--name", "Xã Tiếp Âm", "--kind", "commune")
    server.cli("station", "add", OTHER, "--name", "Xã Khác", "--kind", "commune")
    server.start()
    try:  # a server that started is stopped, even when Icecast never came up
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(server.icecast + "/status-json.xsl", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("icecast did not start: " + server.log.read_text()[-3000:])
        server.seeder = LiveSeeder(server, folder)
        yield server
        server.seeder.close()
    finally:
        server.stop()
        try:  # nothing the server started outlives it (Icecast, recorders, live feeders)
            assert_none_left(f"{folder}/", timeout=15)
        finally:
            drop_database(url)


def relay_entry(server, listener: str, source: str, minutes: int = 10) -> ScheduleEntry:
    seeder = server.seeder
    start = clock.now().replace(microsecond=0) - timedelta(seconds=5)
    entry = ScheduleEntry(station_id=seeder.station(listener).id, kind=EntryKind.relay,
                          starts_at=start, ends_at=start + timedelta(minutes=minutes),
                          relay_station_id=seeder.station(source).id)
    with seeder.writing():
        seeder.session.add(entry)
    return entry


def go_live(server, code: str, path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([RADIO, "live", "--station", code, "--input", str(path), *extra],
                            env=server.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def wait_on_air(server, code: str, source: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(server.icecast + "/status-json.xsl", timeout=2) as resp:
            body = json.loads(resp.read().decode("utf-8", "replace"))
        sources = body["icestats"].get("source") or []
        sources = [sources] if isinstance(sources, dict) else sources
        if any(s.get("listenurl", "").endswith(f"/{code}.mp3") for s in sources):
            return
        if source.poll() is not None:
            raise AssertionError(f"radio live ended: {source.communicate()}")
        time.sleep(0.2)
    raise AssertionError(f"{code} never went on air: " + server.log.read_text()[-3000:])


def listen(url: str, seconds: float) -> tuple[int, float, str]:
    """(ffmpeg exit code, seconds decoded, stderr) of reading a stream for up to `seconds`."""
    result = subprocess.run([ffmpeg_path(), "-hide_banner", "-nostdin", "-t", str(seconds),
                             "-i", url, "-f", "null", "-"], capture_output=True, text=True,
                            timeout=seconds + 30)
    found = _TIME.findall(result.stderr)
    decoded = int(found[-1][0]) * 3600 + int(found[-1][1]) * 60 + float(found[-1][2]) \
        if found else 0.0
    return result.returncode, decoded, result.stderr


def finished_session(server, code: str, after_id: int = 0, timeout: float = 40.0) -> LiveSession:
    seeder = server.seeder
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seeder.refresh()
        row = seeder.session.scalar(
            select(LiveSession).where(LiveSession.station_id == seeder.station(code).id,
                                      LiveSession.id > after_id,
                                      LiveSession.status.in_(["ended", "failed"]))
            .order_by(LiveSession.id.desc()).limit(1))
        if row is not None:
            return row
        time.sleep(0.3)
    raise AssertionError("no finished live session: " + server.log.read_text()[-3000:])


@pytest.fixture(scope="module")
def tones():
    return {"20": tone(20.0, 440), "60": tone(60.0, 523)}


def agent_while_live(server, station: str, token: str, source: subprocess.Popen, tmp_path,
                     run_for_s: float) -> str:
    """Run the real station agent (`python -m radio.agent`, null player) for `run_for_s` while
    `source` is live, then stop the source; returns the agent's stderr."""
    token_file = tmp_path / "token"
    token_file.write_text(token)
    agent = subprocess.Popen(
        [sys.executable, "-m", "radio.agent", "--server", server.url, "--station", station,
         "--token-file", str(token_file), "--cache", str(tmp_path / "cache"), "--player", "null",
         "--run-for", str(run_for_s)],
        env={**os.environ, **AGENT_ENV}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True)
    try:
        _out, err = agent.communicate(timeout=90)
    finally:
        source.terminate()
        source.wait(30)
    return err
