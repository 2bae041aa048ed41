"""Emergencies from send to end, and no silent past: scheduling before now is refused with one
message by the service, the web form and the CLI."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.airings.util import airings_of
from radio.db import db
from radio.models import AiringStatus, AuditEntry, ScheduleEntry
from radio.stations import get_station
from schedules.entries import emergencies, targeting
from schedules.entries import operations as entry_ops
from schedules.entries.validation import ValidationFailed
from tests.factories.schedules import TZ, free_day
from tests.factories.stations import asrun_event

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

PAST = "Không thể lên lịch phát vào lúc đã qua"


def _yesterday_1740() -> datetime:
    return datetime.combine(clock.today(TZ) - timedelta(days=1), time(17, 40), TZ)


def test_the_service_refuses_a_schedule_in_the_past(create_media_item):
    item = create_media_item("Tin hôm qua", 60)
    with pytest.raises(ValidationFailed) as err:
        entry_ops.add_entries(None, stations=[get_station("gio-an")], starts_at=_yesterday_1740(),
                              media_id=item.id)
    assert err.value.code == "in_past"
    assert err.value.message.startswith(PAST)
    assert _yesterday_1740().strftime("%d/%m/%Y 17:40") in err.value.message


def test_the_web_form_refuses_a_schedule_in_the_past(login, client, create_media_item):
    login("editor")
    item = create_media_item("Tin hôm qua", 60)
    resp = client.post("/planning/entries/new", data={
        "kind": "item", "media_id": str(item.id), "target": "chosen", "stations": ["gio-an"],
        "date": _yesterday_1740().date().isoformat(), "time": "17:40", "priority": "normal"})
    assert resp.status_code == 400
    assert PAST in resp.text and "Đã thêm" not in resp.text
    assert db.session.scalar(select(ScheduleEntry.id).where(
        ScheduleEntry.media_item_id == item.id)) is None


def test_the_cli_refuses_a_schedule_in_the_past(runner, create_media_item):
    item = create_media_item("Tin hôm qua", 60)
    db.session.commit()
    day = _yesterday_1740().date()
    result = runner.invoke(args=["schedule", "add", "--media", str(item.id), "--station",
                                 "gio-an", "--at", f"{day.isoformat()} 17:40"])
    assert result.exit_code == 1
    assert f"Lỗi: {PAST}" in result.output
    assert db.session.scalar(select(ScheduleEntry.id).where(
        ScheduleEntry.media_item_id == item.id)) is None


def test_the_api_refuses_a_schedule_in_the_past_with_the_same_message(client, create_media_item):
    from radio.accounts.operations import rotate_api_token
    from radio.models import User

    item = create_media_item("Tin hôm qua", 60)
    editor = db.session.scalar(select(User).where(User.username == "editor"))
    token = rotate_api_token(None, editor)
    db.session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    body = {"media_id": item.id, "stations": ["gio-an"],
            "starts_at": _yesterday_1740().isoformat()}
    resp = client.post("/api/v1/schedules", json=body, headers=auth)
    assert resp.status_code == 409
    error = resp.get_json()["error"]
    assert error["code"] == "in_past" and error["message"].startswith(PAST)
    assert db.session.scalar(select(ScheduleEntry.id).where(
        ScheduleEntry.media_item_id == item.id)) is None
    later = datetime.combine(free_day(7), time(17, 40), TZ)
    made = client.post("/api/v1/schedules", json=body | {"starts_at": later.isoformat(),
                                                          "confirm": True}, headers=auth)
    assert made.status_code == 201 and len(made.get_json()["entries"]) == 1


def test_an_emergency_until_18_00_has_one_airing_every_10_minutes(create_media_item):
    item = create_media_item("Khẩn: lũ", 60)
    day = free_day(5)
    start = datetime.combine(day, time(14, 1), TZ)
    now = start - timedelta(minutes=1)
    [row] = entry_ops.send_emergency(None, stations=[get_station("gio-an")], media_id=item.id,
                                     repeat_every_s=600, at=start, now=now,
                                     repeat_until=datetime.combine(day, time(18, 0), TZ))
    airings = airings_of(row.id)
    assert [a.starts_at.astimezone(TZ).strftime("%H:%M") for a in airings][:3] == \
        ["14:01", "14:11", "14:21"]
    assert len(airings) == 24 and airings[-1].starts_at.astimezone(TZ).time() == time(17, 51)
    # Three times: three airings.
    [three] = entry_ops.send_emergency(None, stations=[get_station("gio-hai")], media_id=item.id,
                                       repeat_every_s=600, at=start, now=now, times=3)
    assert len(airings_of(three.id)) == 3
    # Neither: capped at 24 hours, and the plan says so.
    plan = emergencies.plan(stations=[get_station("gio-an")], media_id=item.id, starts_at=start,
                            repeat_every_s=600, repeat_until=None, times=None)
    assert len(plan.times) == 144 and [w.code for w in plan.warnings] == ["repeat_capped"]


def test_a_newer_emergency_supersedes_the_remaining_airings_of_the_older(create_media_item):
    item = create_media_item("Khẩn: bão", 60)
    start = datetime.combine(free_day(6), time(9, 0), TZ)
    now = start - timedelta(minutes=1)
    [old] = entry_ops.send_emergency(None, stations=[get_station("gio-my")], media_id=item.id,
                                     repeat_every_s=600, times=6, at=start, now=now)
    [new] = entry_ops.send_emergency(None, stations=[get_station("gio-my")], media_id=item.id,
                                     at=start + timedelta(minutes=25), now=now)
    assert old.superseded_by_id == new.id
    assert [a.status for a in airings_of(old.id)] == [AiringStatus.scheduled] * 3 + \
        [AiringStatus.superseded] * 3


def test_cancel_everywhere_ends_17_stations_remaining_airings_in_one_audited_action(
        create_media_item, record_asrun):
    item = create_media_item("Khẩn: vỡ đê", 60)
    item.created_at = clock.now() - timedelta(days=1)
    communes = targeting.stations_for_choice(all_communes=True)
    assert len(communes) == 17
    now = clock.now().replace(microsecond=0)
    rows = entry_ops.send_emergency(None, stations=communes, media_id=item.id,
                                    repeat_every_s=600, times=6, now=now)
    batch = rows[0].batch_id
    assert emergencies.active_sends(now) == [batch]
    aired = rows[:5]  # five stations already aired the first airing
    for entry in aired:
        result = record_asrun(entry.station, [asrun_event(entry, started_at=now)])
        assert not result.rejected, result.as_dict()
    before = db.session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    n = emergencies.cancel_everywhere(None, batch, now=now + timedelta(minutes=1))
    assert n == 17 * 5
    audits = db.session.scalars(select(AuditEntry).where(AuditEntry.id > before)).all()
    assert [a.action for a in audits] == ["emergency.cancel"]
    for entry in rows:
        statuses = [a.status for a in airings_of(entry.id)]
        first = AiringStatus.aired if entry in aired else AiringStatus.scheduled
        assert statuses == [first] + [AiringStatus.cancelled] * 5
    later = now + timedelta(minutes=15)
    assert emergencies.active_sends(later) == []
    status = emergencies.send_status(batch, now=later)
    assert status.on_air is False
    assert status.totals["cancelled"] == 85 and status.totals["aired"] == 5
    assert sum(1 for s in status.stations if s.counts["aired"] == 1) == 5


def test_the_cli_sends_an_emergency_n_times_or_warns_of_the_24_hour_cap(runner, create_media_item):
    item = create_media_item("Khẩn: triều cường", 60)
    db.session.commit()
    at = datetime.combine(free_day(8), time(7, 0), TZ)
    base = ["schedule", "add", "--media", str(item.id), "--station", "gio-son", "--priority",
            "emergency", "--at", at.strftime("%Y-%m-%d %H:%M"), "--repeat-every", "15"]
    three = runner.invoke(args=base + ["--times", "3"])
    assert three.exit_code == 0, three.output
    capped = runner.invoke(args=base)
    assert capped.exit_code == 0, capped.output
    assert "Cảnh báo: Chưa có giờ kết thúc hay số lần" in capped.output
    entries = db.session.scalars(select(ScheduleEntry).where(
        ScheduleEntry.media_item_id == item.id).order_by(ScheduleEntry.id)).all()
    assert [len(airings_of(e.id)) for e in entries] == [3, 96]  # 24 h of 15 minutes


def test_the_cli_lists_emergencies_and_cancels_one_everywhere(runner, create_media_item):
    import json

    item = create_media_item("Khẩn: mưa đá", 60)
    start = datetime.combine(free_day(10), time(8, 0), TZ)
    three = [get_station(c) for c in ("gio-an", "gio-hai", "gio-my")]
    rows = entry_ops.send_emergency(None, stations=three, media_id=item.id, repeat_every_s=600,
                                    times=3, at=start, now=clock.now())
    [other] = entry_ops.send_emergency(None, stations=[get_station("gio-son")], media_id=item.id,
                                       times=2, repeat_every_s=600,
                                       at=start + timedelta(hours=2), now=clock.now())
    db.session.commit()
    batch = rows[0].batch_id
    listed = runner.invoke(args=["emergency", "list"])
    assert listed.exit_code == 0, listed.output
    line = next(x for x in listed.output.splitlines() if x.startswith(batch))
    assert "đang phát" in line and "3 đài/trạm" in line and line.endswith("Khẩn: mưa đá")
    assert f"{start:%d/%m/%Y} 08:00" in line
    before = db.session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    refused = runner.invoke(args=["emergency", "cancel", batch], input="n\n")
    assert refused.exit_code == 1
    assert "Huỷ “Khẩn: mưa đá” trên 3 đài/trạm?" in refused.output
    db.session.expire_all()
    assert {a.status for r in rows for a in airings_of(r.id)} == {AiringStatus.scheduled}
    done = runner.invoke(args=["emergency", "cancel", batch, "--yes"])
    assert done.exit_code == 0, done.output
    assert "Đã huỷ bản tin khẩn cấp ở mọi nơi: 9 lượt phát còn lại đã huỷ." in done.output
    db.session.expire_all()
    assert {a.status for r in rows for a in airings_of(r.id)} == {AiringStatus.cancelled}
    assert {a.status for a in airings_of(other.id)} == {AiringStatus.scheduled}
    audits = db.session.scalars(select(AuditEntry).where(AuditEntry.id > before)).all()
    assert [(a.action, a.object_id) for a in audits] == [("emergency.cancel", batch)]
    assert audits[0].after == {"stations": 3, "airings_cancelled": 9}
    as_json = runner.invoke(args=["emergency", "list", "--json"])
    sends = {s["id"]: s for s in json.loads(as_json.output)}
    assert sends[batch]["on_air"] is False and sends[batch]["airings"] == {"cancelled": 9}
    assert sends[other.batch_id]["on_air"] is True
    unknown = runner.invoke(args=["emergency", "cancel", "khong-co", "--yes"])
    assert unknown.exit_code == 1
    assert "Lỗi: Không tìm thấy bản tin khẩn cấp." in unknown.output
