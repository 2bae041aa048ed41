"""Pure parts of the health report: the level meter (on real ffmpeg output), the clock-offset
smoothing and the link counters."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from radio.agent.client import Client, Unreachable
from radio.agent.clock import Offset
from radio.agent.meter import FLOOR_DB, Meter, level_at, levels_path, parse_levels, volume_gain_db
from tests.agent_health.conftest import gapped_audio
from tests.factories.agent_clock import ManualClock
from tests.live import free_port

AT = datetime(2031, 3, 14, 8, 0, tzinfo=UTC)



def test_parse_levels_floors_digital_silence():
    out = ("[Parsed_ametadata_3 @ 0x1] frame:0    pts:0       pts_time:0\n"
           "[Parsed_ametadata_3 @ 0x1] lavfi.astats.Overall.RMS_level=-21.519790\n"
           "[Parsed_ametadata_3 @ 0x1] frame:1    pts:8000    pts_time:1\n"
           "[Parsed_ametadata_3 @ 0x1] lavfi.astats.Overall.RMS_level=-inf\n"
           "[Parsed_ametadata_3 @ 0x1] lavfi.astats.Overall.RMS_level=-130.2\n"
           "size=N/A time=00:00:02.00 bitrate=N/A speed= 100x\n")
    assert parse_levels(out) == [-21.5, FLOOR_DB, FLOOR_DB]


def test_level_and_silence_run_at_an_offset():
    levels = [-20.0, -20.0, -80.0, -90.0, -120.0, -18.0, -60.0]
    assert level_at(levels, 0.5) == (-20.0, 0.0)
    assert level_at(levels, 2.25) == (-80.0, 0.2)   # the run began at 2 s
    assert level_at(levels, 4.5) == (-120.0, 2.5)
    assert level_at(levels, 5.0) == (-18.0, 0.0)    # sound again: no silence
    assert level_at(levels, 6.5) == (-60.0, 0.5)
    assert level_at(levels, 8.0) == (FLOOR_DB, 2.0)  # past the end is silence, from 6 s
    # volume 10 % is -20 dB: a -35 dB window becomes -55, i.e. silence
    assert level_at([-35.0, -35.0], 1.5, volume_gain_db(10)) == (-55.0, 1.5)
    assert volume_gain_db(100) == 0.0
    assert volume_gain_db(0) == FLOOR_DB


def test_meter_measures_a_real_file_once(tmp_path):
    path = gapped_audio(tmp_path)
    meter = Meter()
    levels = meter.levels(path)
    assert len(levels) in (20, 21)
    assert all(v > -30 for v in levels[0:4]) and all(v > -30 for v in levels[16:20])
    assert all(v < -50 for v in levels[6:14])
    stored = json.loads(levels_path(path).read_text())
    assert stored == {"window_s": 1.0, "levels": levels}
    # a second meter reads the stored file, ffmpeg is not run again
    again = Meter(ffmpeg=str(tmp_path / "no-ffmpeg"))
    assert again.levels(path) == levels
    assert again.error is None
    meter.forget(path)
    assert not levels_path(path).exists()


def test_meter_without_ffmpeg_says_so(tmp_path):
    path = gapped_audio(tmp_path)
    meter = Meter(ffmpeg=str(tmp_path / "no-ffmpeg"))
    assert meter.levels(path) is None
    assert meter.error == "không đo được mức âm thanh: FileNotFoundError"
    assert not levels_path(path).exists()


def test_offset_is_the_median_of_the_last_ten_samples():
    offset = Offset(initial=12.5)
    assert offset.value == 12.5  # persisted value until a sample arrives
    sent = AT
    # Date has whole seconds: +0.5 s is its mean truncation; the midpoint of a 0.2 s call
    assert offset.add(AT + timedelta(seconds=30), sent, 0.2) == pytest.approx(30.4)
    assert offset.value == pytest.approx(30.4)
    for extra in (29, 31, 30, 30, 300, 30, 30, 29, 31):  # one wild answer
        offset.add(AT + timedelta(seconds=extra), sent, 0.2)
    assert len(offset.samples) == 10
    assert offset.value == pytest.approx(30.4)
    for _ in range(10):
        offset.add(AT - timedelta(seconds=1), sent, 0.0)
    assert offset.value == pytest.approx(-0.5)


def test_link_counts_failures_within_the_last_hour_on_the_agent_clock():
    agent_clock = ManualClock(AT)
    client = Client(f"http://127.0.0.1:{free_port()}", "token", timeout=2, clock=agent_clock)
    for _ in range(3):
        with pytest.raises(Unreachable):
            client.call("GET", "/api/v1/openapi.json")
        agent_clock.sleep(600)
    assert client.failed_1h == 3
    assert client.rtt_ms is None  # nothing answered
    agent_clock.sleep(1801)  # the first failure is now more than an hour old
    assert client.failed_1h == 2
    agent_clock.sleep(3600)
    assert client.failed_1h == 0


def test_players_take_the_volume(tmp_path):
    from pathlib import Path

    from radio.agent.players import CommandPlayer

    path = Path("/cache/media/ab.mp3")
    mpv, ffplay, null = (CommandPlayer(n, "/usr/bin/ffmpeg") for n in ("mpv", "ffplay", "null"))
    for player in (mpv, ffplay, null):
        player.volume = 60
    assert "--volume=60" in mpv.command(path, 0)
    assert ffplay.command(path, 1.5)[5:7] == ["-volume", "60"]
    assert null.command(path, 0)[-5:] == ["-af", "volume=0.6", "-f", "null", "-"]


def test_a_file_not_yet_measured_is_measured_off_the_loop(tmp_path):
    path = gapped_audio(tmp_path)
    meter = Meter()
    assert meter.levels(path, measure=False) is None
    meter.measure_later(path)
    meter._busy.join(60)
    assert meter.levels(path, measure=False)[0] > -30
