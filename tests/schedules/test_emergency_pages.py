"""The emergency pages without a browser: confirm screen, banner, live page, cancel everywhere."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.db import db
from radio.models import AuditEntry, ScheduleEntry

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
