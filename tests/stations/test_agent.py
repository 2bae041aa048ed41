"""The station agent against the shared live server: sync, resume, verify, prune, recover,
emergency preemption. (The full day with an outage is in test_agent_e2e.py.)"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from radio import clock
from radio.agent.client import file_sha256
from radio.agent.journal import Journal
from radio.agent.players import FilePlayer
from radio.agent.runner import Agent, Settings
from radio.models import AsRunEvent
from tests.live import RADIO

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


@pytest.fixture
def station_b(seeded):
    return seeded["server"], "trung-hai", seeded["tokens"]["trung-hai"]


def run_once(server, code, token, cache: Path, tmp_path: Path, via_radio_cli: bool = False):
    """`radio station-agent --once` (or the same command without loading the server app)."""
    token_file = tmp_path / "token"
    token_file.write_text(token + "\n")
    command = [RADIO, "station-agent"] if via_radio_cli else [sys.executable, "-m", "radio.agent"]
    return subprocess.run([*command, "--server", server.url, "--station", code,
                           "--token-file", str(token_file), "--cache", str(cache),
                           "--player", "null", "--once", "--days", "3"],
                          env={**server.env}, capture_output=True, text=True, timeout=120)


def test_once_pulls_playlists_downloads_and_verifies_media(seeded, station_b, tmp_path):
    server, code, token = station_b
    cache = tmp_path / "cache"
    first = run_once(server, code, token, cache, tmp_path, via_radio_cli=True)
    assert first.returncode == 0, first.stderr
    item = seeded["media"][code]
    cached = cache / "media" / f"{item.rendition_sha256}.mp3"
    assert file_sha256(cached) == item.rendition_sha256
    assert "Đã tải danh sách phát" in first.stderr
    again = run_once(server, code, token, cache, tmp_path)
    assert again.returncode == 0
    assert "Đã tải danh sách phát" not in again.stderr  # 304: nothing changed


def test_an_interrupted_download_resumes_and_a_bad_file_is_refetched(seeded, station_b,
                                                                     tmp_path):
    server, code, token = station_b
    item = seeded["media"][code]
    whole = server.data_dir / "media" / item.rendition_sha256[:2] / item.rendition_sha256
    data = whole.read_bytes()
    cache = tmp_path / "cache" / "media"
    cache.mkdir(parents=True)
    part = cache / f"{item.rendition_sha256}.mp3.part"
    part.write_bytes(data[: len(data) // 2])
    log_size = server.log.stat().st_size
    assert run_once(server, code, token, tmp_path / "cache", tmp_path).returncode == 0
    assert (cache / f"{item.rendition_sha256}.mp3").read_bytes() == data
    assert " 206 " in server.log.read_text()[log_size:]
    # A partial file that does not match (corrupted on disk) is thrown away, then fetched whole.
    (cache / f"{item.rendition_sha256}.mp3").unlink()
    part.write_bytes(b"\0" * (len(data) // 2))
    out = run_once(server, code, token, tmp_path / "cache", tmp_path)
    assert "sai mã SHA-256" in out.stderr
    assert run_once(server, code, token, tmp_path / "cache", tmp_path).returncode == 0
    assert (cache / f"{item.rendition_sha256}.mp3").read_bytes() == data


def test_the_cache_is_pruned_of_media_no_longer_scheduled(station_b, tmp_path):
    server, code, token = station_b
    stale = tmp_path / "cache" / "media" / f"{'ab' * 32}.mp3"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    assert run_once(server, code, token, tmp_path / "cache", tmp_path).returncode == 0
    assert not stale.exists()


def test_an_event_cut_by_a_crash_is_reported_once_as_partial(seeded, station_b, tmp_path):
    server, code, token = station_b
    journal = Journal(tmp_path / "cache" / "journal.sqlite3")
    started = clock.now().replace(microsecond=0) - timedelta(minutes=3)
    # An airing that began three minutes ago: the report is plausible for it.
    entry = seeded["seeder"].entry(code, seeded["media"][code], started)
    event_id = journal.start_event("x:0:0:", entry.id, None, "Tin bị cắt", started)
    journal.close()
    for _ in range(2):  # a second run must not send it again
        out = run_once(server, code, token, tmp_path / "cache", tmp_path)
        assert out.returncode == 0, out.stderr
    seeder = seeded["seeder"]
    seeder.refresh()
    rows = seeder.session.scalars(select(AsRunEvent).where(AsRunEvent.event_uuid == event_id)).all()
    assert [(r.status.value, r.note) for r in rows] == [("partial", "Tác tử bị dừng khi đang phát")]
    with sqlite3.connect(tmp_path / "cache" / "journal.sqlite3") as db:
        assert db.execute("SELECT state FROM events").fetchall() == [("sent",)]


def test_a_wrong_token_is_reported_and_the_run_fails(station_b, tmp_path):
    server, code, _token = station_b
    out = run_once(server, code, "not-a-token", tmp_path / "cache", tmp_path)
    assert out.returncode == 2
    assert "Máy chủ từ chối" in out.stderr


def test_an_emergency_interrupts_what_is_playing(seeded, tmp_path):
    server, seeder = seeded["server"], seeded["seeder"]
    code, token = "trung-son", seeded["tokens"]["trung-son"]
    long_item = seeder.media(30.0, 330, "Chuyên mục dài")
    alert = seeder.media(2.0, 990, "Tin khẩn cấp: bão")
    now = clock.now().replace(microsecond=0)
    normal = seeder.entry(code, long_item, now - timedelta(seconds=1))
    agent = Agent(server.url, code, token, tmp_path / "cache", FilePlayer(tmp_path / "played"),
                  settings=Settings(days=1, late_s=5))
    emergency = None
    try:
        assert agent.sync()
        agent.tick()
        assert agent.playing and agent.playing.item.data["entry_id"] == normal.id
        emergency = seeder.entry(code, alert, clock.now().replace(microsecond=0),
                                 priority="emergency")
        agent.poll_now()
        assert agent.next["sync"] == 0.0  # an unknown emergency forces a playlist refresh
        assert agent.sync()
        agent.tick()
        assert agent.playing.item.data["entry_id"] == emergency.id
        deadline = time.monotonic() + 10
        while agent.playing and time.monotonic() < deadline:
            agent.tick()
            time.sleep(0.1)
        assert agent.upload()
    finally:
        seeder.cancel(normal, emergency)
        agent.journal.close()
    seeder.refresh()
    rows = {r.entry_id: r for r in seeder.session.scalars(
        select(AsRunEvent).where(AsRunEvent.entry_id.in_([normal.id, emergency.id])))}
    assert rows[normal.id].status.value == "partial"
    assert rows[normal.id].note == "Ngắt để phát tin khẩn cấp"
    assert rows[emergency.id].status.value == "aired"
    plays = [json.loads(line) for line in
             (tmp_path / "played" / "plays.jsonl").read_text().splitlines()]
    assert [p["entry_id"] for p in plays] == [normal.id, emergency.id]
    assert uuid.UUID(str(rows[emergency.id].event_uuid))


def test_the_null_player_decodes_in_real_time_with_ffmpeg(tmp_path):
    from radio.agent.players import make_player
    from radio.tools import ffmpeg_path
    from tests.factories.audio import tone

    path = tone(1.5)
    player = make_player("null", ffmpeg_path())
    began = time.monotonic()
    playback = player.play(path, {"starts_at": "x", "entry_id": 1, "duration_s": 1.5})
    assert playback.running()
    while playback.running():
        time.sleep(0.05)
    took = time.monotonic() - began
    assert not playback.failed()
    assert 1.2 < took < 10  # -re: about the length of the audio, not instant
