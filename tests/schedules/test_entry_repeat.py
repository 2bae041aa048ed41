"""The web entry form repeats an entry with the programmes' presets (the CLI's RRULEs)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from radio import clock
from radio.db import db
from radio.models import ScheduleEntry
from tests.factories.schedules import TZ, next_weekday


def test_an_editor_makes_a_weekly_entry_from_the_web_form(login, client, create_media_item):
    login("editor")
    item = create_media_item("Tin lặp hằng tuần", 60)
    tuesday = next_weekday(2, clock.today(TZ) + timedelta(days=150))
    until = tuesday + timedelta(days=20)
    resp = client.post("/planning/entries/new", data={
        "kind": "item", "media_id": str(item.id), "target": "chosen", "stations": ["gio-an"],
        "date": tuesday.strftime("%d/%m/%Y"), "time": "17:30", "priority": "normal",
        "repeat": "weekly", "weekdays": ["TU", "FR"], "until": until.strftime("%d/%m/%Y")})
    assert resp.status_code == 302, resp.text
    rows = db.session.scalars(select(ScheduleEntry).where(
        ScheduleEntry.media_item_id == item.id).order_by(ScheduleEntry.starts_at)).all()
    days = [r.starts_at.astimezone(TZ).date() for r in rows]
    assert days == [tuesday + timedelta(days=n) for n in (0, 3, 7, 10, 14, 17)]
    assert {r.starts_at.astimezone(TZ).strftime("%H:%M") for r in rows} == {"17:30"}
    assert len({r.batch_id for r in rows}) == 1


def test_a_weekly_entry_without_days_is_refused_and_keeps_the_input(login, client, create_media_item):
    login("editor")
    item = create_media_item("Tin thiếu ngày", 60)
    day = next_weekday(3, clock.today(TZ) + timedelta(days=150))
    resp = client.post("/planning/entries/new", data={
        "kind": "item", "media_id": str(item.id), "target": "chosen", "stations": ["gio-an"],
        "date": day.isoformat(), "time": "17:30", "priority": "normal", "repeat": "weekly"})
    assert resp.status_code == 400
    assert "Hãy chọn ít nhất một ngày trong tuần." in resp.text
    assert 'name="repeat" value="weekly" checked' in resp.text
    assert db.session.scalar(select(ScheduleEntry.id).where(
        ScheduleEntry.media_item_id == item.id)) is None
