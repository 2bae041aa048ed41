"""The fleet end to end: real agents (injected clocks, file players) against a live server,
their health reports raising and closing alerts when the alert check runs on the server's
database, and the configured webhook receiving one POST per open and per close.

The check takes its `now`; where a rule depends on the local hour (cache readiness after
20:00) the test passes an evening of the agents' own day rather than waiting for it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.models import AlertKind, AlertLevel, AsRunEvent, StationHealth
from tests.agent_health.conftest import SkewedClock, gapped_audio, ingest, make_agent, run
from tests.fleet_e2e.conftest import alerts_of

pytestmark = pytest.mark.slow


def health_of(fleet, code: str) -> StationHealth:
    seeder = fleet["seeder"]
    seeder.refresh()
    return seeder.session.get(StationHealth, seeder.station(code).id)


def test_cache_not_ready_opens_one_alert_after_20h_and_a_sync_closes_it(fleet, tmp_path):
    seeder, check, hook, code = fleet["seeder"], fleet["check"], fleet["hook"], "e2e-cache"
    token = fleet["station"](code)
    today = clock.now().astimezone(seeder.tz).date()
    tomorrow = today + timedelta(days=1)
    item = seeder.media(2.0, 392, "Bản tin ngày mai")
    entry = seeder.entry(code, item, datetime.combine(tomorrow, time(12, 0), seeder.tz))
    evening = datetime.combine(today, time(20, 30), seeder.tz).astimezone(UTC)
    agent = make_agent(fleet, code, token, tmp_path)
    try:
        assert agent.sync()
        agent.media_path(item.rendition_sha256).unlink()  # tomorrow's file did not arrive
        agent.heartbeat()
        row = health_of(fleet, code)
        assert row.cache_ready is False
        assert [(m["day"], m["entry_id"]) for m in row.cache_missing] == [
            (tomorrow.isoformat(), entry.id)]

        check(datetime.combine(today, time(19, 50), seeder.tz).astimezone(UTC))
        assert alerts_of(fleet, code) == []  # before 20:00 local: not yet an alert

        check(evening)
        [alert] = alerts_of(fleet, code)
        assert (alert.kind, alert.level, alert.closed_at) == (
            AlertKind.cache_not_ready, AlertLevel.warning, None)
        assert alert.key == f"cache_not_ready:station:{seeder.station(code).id}"
        assert alert.message == (f"Trạm Xã {code}: chưa tải đủ âm thanh ngày "
                                 f"{tomorrow:%d/%m/%Y} (thiếu 1 mục).")
        assert (alert.details["day"], alert.details["missing"]) == (tomorrow.isoformat(), 1)
        assert alert.opened_at == evening
        assert hook.of(code) == [("open", "cache_not_ready", alert.id)]

        check(evening + timedelta(minutes=1))  # a repeat opens nothing and sends nothing
        [again] = alerts_of(fleet, code)
        assert (again.id, again.closed_at) == (alert.id, None)
        assert again.last_seen_at == evening + timedelta(minutes=1)
        assert hook.of(code) == [("open", "cache_not_ready", alert.id)]

        assert agent.sync()  # fetches tomorrow's file again
        agent.heartbeat()
        assert health_of(fleet, code).cache_ready is True
        check(evening + timedelta(minutes=2))
        [closed] = alerts_of(fleet, code)
        assert closed.id == alert.id
        assert closed.closed_at == evening + timedelta(minutes=2)
        assert closed.notified_close_at == evening + timedelta(minutes=2)
        assert hook.of(code) == [("open", "cache_not_ready", alert.id),
                                 ("close", "cache_not_ready", alert.id)]

        check(evening + timedelta(minutes=3))
        assert [(a.id, a.closed_at) for a in alerts_of(fleet, code)] == [
            (alert.id, evening + timedelta(minutes=2))]
        assert len(hook.of(code)) == 2
    finally:
        agent.journal.close()
        seeder.cancel(entry)


def test_a_clock_30_s_behind_plays_on_time_and_raises_one_clock_off(fleet, tmp_path):
    seeder, check, hook, code = fleet["seeder"], fleet["check"], fleet["hook"], "e2e-clock"
    token = fleet["station"](code)
    item = seeder.media(2.0, 415, "Tin giờ chuẩn")
    at = clock.now().replace(microsecond=0) + timedelta(seconds=8)
    entry = seeder.entry(code, item, at)
    agent = make_agent(fleet, code, token, tmp_path, clock=SkewedClock(-30), clock_sync=True)
    started: list[datetime] = []

    def watch(a) -> None:
        if a.playing and not started:
            started.append(clock.now())

    try:
        run([agent], at + timedelta(seconds=4), watch)
        agent.heartbeat()
        assert agent.upload()
    finally:
        agent.journal.close()
    assert started and abs((started[0] - at).total_seconds()) <= 2  # by the server's time
    seeder.refresh()
    event = seeder.session.scalar(select(AsRunEvent).where(AsRunEvent.entry_id == entry.id))
    assert event.status.value == "aired"
    assert abs((event.started_at - at).total_seconds()) <= 2
    assert health_of(fleet, code).clock_offset_s == pytest.approx(30, abs=2)

    now = clock.now()
    check(now)
    [alert] = alerts_of(fleet, code)
    assert (alert.kind, alert.level, alert.closed_at, alert.opened_at) == (
        AlertKind.clock_off, AlertLevel.warning, None, now)
    assert re.fullmatch(rf"Trạm Xã {code}: đồng hồ lệch \+(29|30|31),\d giây\.", alert.message)
    assert alert.details["offset_s"] == pytest.approx(30, abs=2)
    check(now + timedelta(minutes=1))
    assert [(a.id, a.closed_at) for a in alerts_of(fleet, code)] == [(alert.id, None)]
    assert hook.of(code) == [("open", "clock_off", alert.id)]


def test_silence_inside_an_entry_opens_dead_air_and_the_tone_closes_it(fleet, tmp_path):
    seeder, check, hook, code = fleet["seeder"], fleet["check"], fleet["hook"], "e2e-dead"
    token = fleet["station"](code)
    fleet["server"].cli("alerts", "rule", "set", "dead_air", "--threshold", "5")
    item = ingest(seeder, gapped_audio(tmp_path / "audio"), 20.0, "Bản tin có đoạn lặng")
    at = clock.now().replace(microsecond=0) + timedelta(seconds=4)
    entry = seeder.entry(code, item, at)
    agent = make_agent(fleet, code, token, tmp_path)
    try:
        assert agent.sync()
        check(clock.now())
        assert alerts_of(fleet, code) == []

        run([agent], at + timedelta(seconds=12.5))  # 7.5 s into the 10 s of silence
        agent.heartbeat()
        row = health_of(fleet, code)
        assert (row.player_state, row.now_entry_id) == ("playing", entry.id)
        assert 5 <= row.silence_s <= 9
        quiet = clock.now()
        check(quiet)
        [alert] = alerts_of(fleet, code)
        assert (alert.kind, alert.level, alert.closed_at, alert.opened_at) == (
            AlertKind.dead_air, AlertLevel.warning, None, quiet)
        assert re.fullmatch(rf"Trạm Xã {code}: im lặng [5-9] giây khi đang phát "
                            r"“Bản tin có đoạn lặng”\.", alert.message)
        assert alert.details["entry_id"] == entry.id
        assert hook.of(code) == [("open", "dead_air", alert.id)]

        run([agent], at + timedelta(seconds=17.5))  # the second tone plays
        agent.heartbeat()
        row = health_of(fleet, code)
        assert (row.player_state, row.silence_s) == ("playing", 0)
        back = clock.now()
        check(back)
        [closed] = alerts_of(fleet, code)
        assert (closed.id, closed.closed_at) == (alert.id, back)
        assert hook.of(code) == [("open", "dead_air", alert.id), ("close", "dead_air", alert.id)]

        run([agent], at + timedelta(seconds=21))
        assert agent.upload()
    finally:
        agent.journal.close()
    seeder.refresh()
    event = seeder.session.scalar(select(AsRunEvent).where(AsRunEvent.entry_id == entry.id))
    assert event.status.value == "aired"
