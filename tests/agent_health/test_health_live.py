"""Real agents against a real live server: the health inside their heartbeats is stored, the
cache readiness follows what is on disk, a skewed clock is corrected from the server's `Date`
headers and silence inside a playing entry is measured.

The agents run on real time (the clock offset is measured against the real server), shifted
where a test says so.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.agent import VERSION, health
from radio.models import AsRunEvent, StationHealth
from tests.agent_health.conftest import SkewedClock, gapped_audio, ingest, make_agent, run

pytestmark = pytest.mark.slow


def stored_health(seeder, code: str) -> StationHealth:
    seeder.refresh()
    return seeder.session.get(StationHealth, seeder.station(code).id)


def test_health_is_stored_and_cache_readiness_follows_the_disk(live, tmp_path):
    seeder, code = live["seeder"], "suc-khoe-a"
    token = live["station"](code)
    item = seeder.media(2.0, 349, "Bản tin CCHC ngày mai")
    tomorrow = (clock.now().astimezone(seeder.tz) + timedelta(days=1)).date()
    entry = seeder.entry(code, item, datetime.combine(tomorrow, time(12, 0), seeder.tz))
    agent = make_agent(live, code, token, tmp_path)
    try:
        assert agent.set_volume(70) == 70
        assert agent.sync()
        assert health.report(agent)["cache"]["ready"] is True
        agent.media_path(item.rendition_sha256).unlink()  # tomorrow's file is gone
        report = health.report(agent)
        assert report["cache"]["ready"] is False
        assert report["cache"]["missing"] == [{"day": tomorrow.isoformat(), "entry_id": entry.id,
                                               "title": "Bản tin CCHC ngày mai",
                                               "sha256": item.rendition_sha256}]
        agent.heartbeat()
        row = stored_health(seeder, code)
        assert row.cache_ready is False
        assert [m["entry_id"] for m in row.cache_missing] == [entry.id]

        assert agent.sync()  # fetches it again
        agent.heartbeat()
        row = stored_health(seeder, code)
        assert row.agent_version == VERSION
        assert row.free_disk_bytes > 0
        assert row.cache_ready is True and row.cache_missing == []
        assert row.volume == 70
        assert row.rtt_ms > 0
        assert abs(row.clock_offset_s) <= 1.0
        assert row.player_state == "idle"
        assert row.report["cache"]["days"] == [
            (tomorrow + timedelta(days=n)).isoformat() for n in (-1, 0, 1)]
        assert row.report["link"]["failed_1h"] == 0
        assert row.uptime_s >= 0
    finally:
        agent.journal.close()
    again = make_agent(live, code, token, tmp_path)
    try:
        assert again.volume == 70  # the volume is kept across a restart
    finally:
        again.journal.close()
        seeder.cancel(entry)


def test_a_clock_30_s_behind_is_corrected(live, tmp_path, caplog):
    seeder, code = live["seeder"], "suc-khoe-b"
    token = live["station"](code)
    item = seeder.media(2.0, 370, "Tin giờ chuẩn")
    at = clock.now().replace(microsecond=0) + timedelta(seconds=8)
    entry = seeder.entry(code, item, at)
    agent = make_agent(live, code, token, tmp_path, clock=SkewedClock(-30), clock_sync=True)
    started: list[datetime] = []

    def watch(a) -> None:
        if a.playing and not started:
            started.append(clock.now())

    caplog.set_level(logging.INFO, logger="radio.agent")
    try:
        run([agent], at + timedelta(seconds=4), watch)
        report = health.report(agent)
        assert agent.upload()
    finally:
        agent.journal.close()
    assert report["clock"]["offset_s"] == pytest.approx(30, abs=2)
    assert started and abs((started[0] - at).total_seconds()) <= 2
    seeder.refresh()
    event = seeder.session.scalar(select(AsRunEvent).where(AsRunEvent.entry_id == entry.id))
    assert event.status.value == "aired"
    assert abs((event.started_at - at).total_seconds()) <= 2
    assert stored_health(seeder, code).clock_offset_s == pytest.approx(30, abs=2)
    assert any("Đồng hồ máy trạm lệch +" in r.getMessage()
               and "giây so với máy chủ; đã tự hiệu chỉnh." in r.getMessage()
               for r in caplog.records)
    # Restarted without the server: the persisted offset still corrects the clock.
    offline = make_agent(live, code, token, tmp_path, clock=SkewedClock(-30), clock_sync=True)
    offline.client.server = "http://127.0.0.1:9"
    try:
        assert offline.clock_offset() == pytest.approx(30, abs=2)
        assert abs((offline.now() - clock.now()).total_seconds()) <= 2
    finally:
        offline.journal.close()


def test_silence_inside_an_entry_is_measured(live, tmp_path):
    seeder, code = live["seeder"], "suc-khoe-c"
    token = live["station"](code)
    item = ingest(seeder, gapped_audio(tmp_path / "audio"), 20.0, "Bản tin có đoạn lặng")
    at = clock.now().replace(microsecond=0) + timedelta(seconds=4)
    entry = seeder.entry(code, item, at)
    agent = make_agent(live, code, token, tmp_path)
    seen: list[tuple[float, dict]] = []

    def watch(a) -> None:
        if a.playing:
            seen.append(((clock.now() - at).total_seconds(), health.report(a)["player"]))

    try:
        run([agent], at + timedelta(seconds=20.5), watch)
        agent.heartbeat()
    finally:
        agent.journal.close()
        seeder.cancel(entry)
    assert seen and all(p["entry_id"] == entry.id and p["state"] == "playing" for _, p in seen)
    tone = [p for t, p in seen if 1.5 <= t <= 4 or 16.5 <= t <= 19]
    quiet = [p for t, p in seen if 9.5 <= t <= 14]
    assert tone and all(p["level_db"] > -30 and p["silence_s"] == 0 for p in tone)
    assert quiet and all(p["level_db"] < -50 and p["silence_s"] > 3 for p in quiet)
    longest = max(p["silence_s"] for _, p in seen)
    assert 8.5 <= longest <= 11
    assert agent.meter.levels(agent.media_path(item.rendition_sha256), measure=False)
