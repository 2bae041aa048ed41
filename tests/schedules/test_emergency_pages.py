"""The emergency pages without a browser: confirm screen, banner, live page, cancel everywhere."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.airings.util import airings_of
from radio.db import db
from radio.models import AiringStatus, AuditEntry, ScheduleEntry
from schedules.entries import operations as entry_ops
from schedules.entries import targeting
from tests.factories.schedules import TZ, free_day

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

BANNER = "Khẩn cấp đang phát:"


def test_send_confirm_banner_live_and_cancel_everywhere(login, client, create_media_item):
    item = create_media_item("Khẩn: lũ quét", 60)
    db.session.commit()
    login("editor")
    until = (clock.now() + timedelta(hours=2)).astimezone(clock.zone())
    form = {"media_id": str(item.id), "target": "communes", "when": "now", "repeat_every": "10",
            "until_date": until.date().isoformat(), "until_time": until.strftime("%H:%M")}
    confirm = client.post("/emergency/new", data=form)
    assert confirm.status_code == 200
    assert "Xác nhận bản tin khẩn cấp" in confirm.text
    assert "tổng 204 lượt trên 17 đài/trạm" in confirm.text  # 12 airings × 17 communes
    assert db.session.scalar(select(ScheduleEntry.id).where(
        ScheduleEntry.media_item_id == item.id)) is None  # nothing sent yet
    sent = client.post("/emergency/send", data=form)
    assert sent.status_code == 302
    live_url = sent.headers["Location"]
    batch = re.search(r"/emergency/([0-9a-f-]+)", live_url)[1]
    dashboard = client.get("/")
    assert BANNER in dashboard.text and "Khẩn: lũ quét" in dashboard.text
    assert f"/emergency/{batch}" in dashboard.text
    assert BANNER in client.get("/planning/").text
    live = client.get(f"/emergency/{batch}")
    assert live.status_code == 200 and live.text.count('data-station="') == 17
    ask = client.get(f"/emergency/{batch}/cancel")
    assert "Huỷ bản tin khẩn cấp ở mọi nơi?" in ask.text
    done = client.post(f"/emergency/{batch}/cancel")
    assert done.status_code == 302
    assert BANNER not in client.get("/").text
    assert db.session.scalar(select(AuditEntry.action).where(
        AuditEntry.object_id == batch).order_by(AuditEntry.id.desc()).limit(1)) == \
        "emergency.cancel"


def test_an_emergency_form_with_a_bad_end_time_says_so_in_vietnamese(login, client, create_media_item):
    item = create_media_item("Khẩn: sạt lở", 60)
    db.session.commit()
    login("editor")
    resp = client.post("/emergency/send", data={"media_id": str(item.id), "target": "communes",
                                                "when": "now", "repeat_every": "10",
                                                "until_time": "25:99"})
    assert resp.status_code == 400
    assert "Giờ “25:99” không đúng dạng HH:MM." in resp.text


def test_the_per_station_cancel_confirms_first_and_cancels_that_station_only(
        login, client, create_media_item):
    item = create_media_item("Khẩn: xả lũ", 60)
    start = datetime.combine(free_day(9), time(9, 0), TZ)
    rows = entry_ops.send_emergency(None, stations=targeting.stations_for_choice(
        all_communes=True), media_id=item.id, repeat_every_s=600, times=4, at=start,
        now=clock.now())
    db.session.commit()
    mine = next(r for r in rows if r.station.code == "gio-hai")
    others = [r.id for r in rows if r is not mine]
    login("editor")
    url = f"/planning/entries/{mine.id}/cancel"
    week = client.get(f"/planning/stations/gio-hai/week?start={start.date().isoformat()}")
    assert f'action="{url}"' in week.text  # the “×” posts here
    ask = client.get(url)
    assert ask.status_code == 200 and "Huỷ lịch phát này?" in ask.text
    assert "Khẩn: xả lũ" in ask.text and "Xã Gio Hải" in ask.text
    assert "4 lượt phát còn lại sẽ bị huỷ" in ask.text
    assert ask.text.count('<li data-airing="') == 4
    assert f'{start.strftime("%d/%m/%Y")} 09:30' in ask.text
    assert 'name="confirm" value="1"' in ask.text
    before = db.session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    unconfirmed = client.post(url, data={"next": "/planning/"})
    assert unconfirmed.status_code == 200 and "Huỷ lịch phát này?" in unconfirmed.text
    db.session.expire_all()
    assert {a.status for a in airings_of(mine.id)} == {AiringStatus.scheduled}
    assert db.session.get(ScheduleEntry, mine.id).cancelled_at is None
    assert db.session.scalar(select(AuditEntry.id).where(AuditEntry.id > before)) is None
    done = client.post(url, data={"next": "/planning/", "confirm": "1"})
    assert done.status_code == 302 and done.headers["Location"] == "/planning/"
    db.session.expire_all()
    assert [a.status for a in airings_of(mine.id)] == [AiringStatus.cancelled] * 4
    assert {a.status for e in others for a in airings_of(e)} == {AiringStatus.scheduled}
    assert db.session.scalars(select(ScheduleEntry.id).where(
        ScheduleEntry.id.in_(others), ScheduleEntry.cancelled_at.is_not(None))).all() == []
    [record] = db.session.scalars(select(AuditEntry).where(AuditEntry.id > before)).all()
    assert (record.action, record.object_id) == ("schedule.cancel", str(mine.id))
    assert record.after == {"entries": 1, "stations": ["gio-hai"], "airings_cancelled": 4}


def _yesterday_at(hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime.combine(clock.today(TZ) - timedelta(days=1), time(hh, mm, ss), TZ)


def test_the_report_of_an_ended_emergency_shows_each_stations_airings(login, client,
                                                                     create_media_item,
                                                                     record_asrun):
    """Sent yesterday at 14:00, every 10 minutes from 14:01 to 14:25 (three airings) on three
    stations: Gio An aired the first at 14:01:40; a newer emergency superseded Gio Hải's from
    14:15; Gio Mỹ's was cancelled from 14:05. Written to the tables directly: it is the past."""
    from radio.airings import operations as airing_ops
    from radio.models import EntryKind, Priority
    from radio.stations import get_station
    from tests.factories.stations import asrun_event

    item = create_media_item("Khẩn: cháy rừng", 60)
    item.created_at = _yesterday_at(0, 0)
    entries = {}
    for code in ("gio-an", "gio-hai", "gio-my"):
        entries[code] = ScheduleEntry(
            station_id=get_station(code).id, kind=EntryKind.item, starts_at=_yesterday_at(14, 1),
            ends_at=_yesterday_at(14, 2), priority=Priority.emergency, media_item_id=item.id,
            repeat_every_s=600, repeat_until=_yesterday_at(14, 25), batch_id="report-h15b",
            created_at=_yesterday_at(14, 0))
        db.session.add(entries[code])
    db.session.flush()
    result = record_asrun("gio-an", [asrun_event(entries["gio-an"],
                                                 started_at=_yesterday_at(14, 1, 40))])
    assert not result.rejected, result.as_dict()
    airing_ops.withdraw([entries["gio-hai"].id], _yesterday_at(14, 15), AiringStatus.superseded)
    airing_ops.withdraw([entries["gio-my"].id], _yesterday_at(14, 5), AiringStatus.cancelled)
    db.session.commit()
    db.session.expire_all()
    login("auditor")
    page = client.get("/emergency/report-h15b")
    assert page.status_code == 200
    assert "Đã kết thúc" in page.text and "Báo cáo: các lượt phát theo đài/trạm" in page.text
    assert re.search(r'id="first-airing">1 phút 40 giây<', page.text)
    assert "Đã phát: 1 · Bị lỡ: 5 · Đã huỷ: 2 · Bị thay thế: 1" in page.text
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", page.text, re.S)[1]
    assert re.findall(r"<th>([^<]+)</th>", header) == [
        "Đài/trạm", "Đã phát", "Phát một phần", "Bị lỡ", "Chưa đến giờ", "Đã huỷ", "Bị thay thế",
        "Lượt tới", "Lượt phát đầu (sau khi gửi)"]

    def row(code):
        html = re.search(rf'<tr data-station="{code}">(.*?)</tr>', page.text, re.S)[1]
        return re.findall(r"<td[^>]*>([^<]*)</td>", html)

    first = _yesterday_at(14, 1, 40).strftime("%d/%m/%Y %H:%M:%S")
    assert row("gio-an") == ["Xã Gio An", "1", "0", "2", "0", "0", "0", "—",
                             f"{first} (1 phút 40 giây)"]
    assert row("gio-hai") == ["Xã Gio Hải", "0", "0", "2", "0", "0", "1", "—", "—"]
    assert row("gio-my") == ["Xã Gio Mỹ", "0", "0", "1", "0", "2", "0", "—", "—"]
