"""Each rule opens an alert on its exact condition and closes it when the condition is gone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from radio.alerts import operations
from radio.asrun import operations as asrun
from radio.db import db
from radio.fleet.health import record_health
from radio.fleet.receipts import record_receipt
from radio.models import Alert, AlertLevel
from tests.alerts.conftest import NOW, health
from tests.factories.stations import asrun_event


def alerts_of(world) -> list[Alert]:
    return list(db.session.scalars(select(Alert).where(Alert.station_id == world.station.id)
                                   .order_by(Alert.id)))


def open_keys(world) -> list[str]:
    return [a.key for a in alerts_of(world) if a.closed_at is None]


def test_station_silent_during_window(world):
    sid = world.station.id
    world.station.last_contact_at = NOW - timedelta(minutes=9)
    assert operations.check(NOW).opened == 0
    world.station.last_contact_at = NOW - timedelta(minutes=10)
    counts = operations.check(NOW)
    assert (counts.opened, counts.open) == (1, 1)
    [alert] = alerts_of(world)
    assert alert.key == f"station_silent:station:{sid}"
    assert alert.unit_id == world.commune.id
    assert alert.message == ("Trạm Xã Cửa Việt: mất liên lạc từ 19:50 10/03/2031 "
                             "trong khung giờ phát.")
    # 21:00 local: the window is over, the alert closes.
    later = NOW + timedelta(hours=1)
    assert operations.check(later).closed == 1
    assert alert.closed_at == later


def test_dead_air_while_playing(world):
    player = {"state": "playing", "title": "Bản tin CCHC", "entry_id": 7, "silence_s": 29.0}
    record_health(world.station, health(player=player), NOW)
    assert operations.check(NOW).opened == 0
    record_health(world.station, health(player=player | {"silence_s": 30.0}), NOW)
    assert operations.check(NOW).opened == 1
    [alert] = alerts_of(world)
    assert alert.message == "Trạm Xã Cửa Việt: im lặng 30 giây khi đang phát “Bản tin CCHC”."
    record_health(world.station, health(player=player | {"silence_s": 0.0}), NOW)
    assert operations.check(NOW + timedelta(minutes=1)).closed == 1


def test_cache_not_ready_after_20h(world):
    missing = [{"day": "2031-03-11", "entry_id": 12, "title": "Bản tin", "sha256": "a" * 64},
               {"day": "2031-03-11", "entry_id": 13, "title": "Nhạc", "sha256": "b" * 64},
               {"day": "2031-03-12", "entry_id": 14, "title": "Sau", "sha256": "c" * 64}]
    record_health(world.station, health(cache={"ready": False, "missing": missing}), NOW)
    assert operations.check(NOW - timedelta(minutes=1)).opened == 0  # 19:59
    assert operations.check(NOW).opened == 1
    [alert] = alerts_of(world)
    assert alert.message == "Trạm Xã Cửa Việt: chưa tải đủ âm thanh ngày 11/03/2031 (thiếu 2 mục)."
    record_health(world.station, health(), NOW + timedelta(minutes=5))
    assert operations.check(NOW + timedelta(minutes=5)).closed == 1
    assert open_keys(world) == []


def test_low_disk_and_clock_off(world):
    record_health(world.station, health(free_disk_bytes=1024 ** 3), NOW)
    assert operations.check(NOW).opened == 0
    record_health(world.station, health(free_disk_bytes=1024 ** 3 - 1,
                                        clock={"offset_s": -30.0}), NOW)
    assert operations.check(NOW).opened == 2
    assert [a.message for a in alerts_of(world)] == [
        "Trạm Xã Cửa Việt: ổ đĩa chỉ còn 1023 MB trống.",
        "Trạm Xã Cửa Việt: đồng hồ lệch -30,0 giây."]
    record_health(world.station, health(clock={"offset_s": 5.0}), NOW)
    assert operations.check(NOW).closed == 2


def test_emergency_not_started_within_60s(world, create_plain_entry):
    start = NOW + timedelta(minutes=2)
    entry = create_plain_entry(world.station, start, priority="emergency",
                               length=timedelta(minutes=10))
    assert operations.check(start + timedelta(seconds=59)).opened == 0
    world.clock.at = start + timedelta(seconds=60)
    assert operations.check(start + timedelta(seconds=60)).opened == 1
    [alert] = alerts_of(world)
    assert alert.key == f"emergency_not_started:station:{world.station.id}:entry:{entry.id}"
    assert alert.message == (f"Trạm Xã Cửa Việt: tin khẩn cấp số {entry.id} chưa phát sau "
                             "60 giây.")
    record_receipt(world.station, entry_id=entry.id, status="started",
                   at=start + timedelta(seconds=61), clusters=None, now=world.clock.at)
    assert operations.check(start + timedelta(seconds=70)).closed == 1


def test_entry_missed_then_reported(world, create_plain_entry):
    start = NOW + timedelta(minutes=30)
    entry = create_plain_entry(world.station, start, length=timedelta(minutes=5))
    end = start + timedelta(minutes=5)
    world.station.last_contact_at = end + timedelta(minutes=15)
    assert operations.check(end + timedelta(minutes=14)).opened == 0  # within the grace
    assert operations.check(end + timedelta(minutes=15)).opened == 1
    [alert] = alerts_of(world)
    assert alert.message == f"Trạm Xã Cửa Việt: không phát mục số {entry.id} lúc 20:30 10/03/2031."
    world.clock.at = end + timedelta(minutes=16)
    asrun.ingest(world.station, [asrun_event(entry, started_at=start)])
    assert operations.check(end + timedelta(minutes=16)).closed == 1


def test_dedup_escalate_and_province_rule(world):
    world.station.last_contact_at = NOW + timedelta(minutes=31)  # in contact throughout
    record_health(world.station, health(free_disk_bytes=10), NOW)
    operations.set_rule(None, "low_disk", threshold=1024 ** 3, unit_code="T97",
                        escalate_minutes=30, now=NOW)
    assert operations.check(NOW).opened == 1
    [alert] = alerts_of(world)
    first_message = alert.message
    counts = operations.check(NOW + timedelta(minutes=29))
    assert (counts.opened, counts.repeated, counts.escalated) == (0, 1, 0)
    assert alert.last_seen_at == NOW + timedelta(minutes=29)
    assert alert.level == AlertLevel.warning
    counts = operations.check(NOW + timedelta(minutes=30))
    assert (counts.repeated, counts.escalated) == (1, 1)
    assert alert.level == AlertLevel.critical and alert.message == first_message
    assert len(alerts_of(world)) == 1
    # A commune rule beats the province's: 5 bytes is not under 5.
    operations.set_rule(None, "low_disk", threshold=5, unit_code="T97001", now=NOW)
    assert operations.check(NOW + timedelta(minutes=31)).closed == 1
