"""Bulk select on the week page: move or cancel the ticked entries, after a confirmation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from radio import clock
from radio.db import db
from radio.models import ScheduleEntry
from tests.factories.schedules import TZ, next_weekday
from tests.foundation.util import last_audit


def _two(create_plain_entry):
    day = next_weekday(3, clock.today(TZ) + timedelta(days=160))
    start = clock.local_day_bounds(day, TZ)[0]
    rows = [create_plain_entry("gio-an", starts_at=start + timedelta(hours=17, minutes=m),
                               length=timedelta(minutes=2)) for m in (5, 20)]
    db.session.commit()
    return day, rows


def test_moving_ticked_entries_asks_first_then_moves_them(login, client, create_plain_entry):
    day, rows = _two(create_plain_entry)
    login("editor")
    week = client.get(f"/planning/stations/gio-an/week?start={day.isoformat()}").text
    for r in rows:
        assert f'name="entries" value="{r.id}" form="bulk"' in week
    data = {"entries": [str(r.id) for r in rows], "action": "move", "shift_days": "0",
            "shift_minutes": "10", "next": "/planning/"}
    before = [r.starts_at for r in rows]
    asked = client.post("/planning/entries/bulk", data=data)
    assert asked.status_code == 200 and "Dời 2 lịch phát?" in asked.text
    db.session.expire_all()
    assert [db.session.get(ScheduleEntry, r.id).starts_at for r in rows] == before
    done = client.post("/planning/entries/bulk", data=data | {"confirm": "1"})
    assert done.status_code == 302
    db.session.expire_all()
    assert [db.session.get(ScheduleEntry, r.id).starts_at for r in rows] == \
        [b + timedelta(minutes=10) for b in before]
    assert last_audit("schedule.move").summary == "Dời 2 lịch phát"


def test_cancelling_ticked_entries_asks_first(login, client, create_plain_entry):
    _day, rows = _two(create_plain_entry)
    login("editor")
    data = {"entries": [str(r.id) for r in rows], "action": "cancel", "next": "/planning/"}
    asked = client.post("/planning/entries/bulk", data=data)
    assert "Huỷ 2 lịch phát?" in asked.text
    assert client.post("/planning/entries/bulk", data=data | {"confirm": "1"}).status_code == 302
    cancelled = db.session.scalars(select(ScheduleEntry.cancelled_at).where(
        ScheduleEntry.id.in_([r.id for r in rows]))).all()
    assert all(c is not None for c in cancelled)


def test_nothing_ticked_or_no_shift_is_refused_in_vietnamese(login, client, create_plain_entry):
    _day, rows = _two(create_plain_entry)
    login("editor")
    none = client.post("/planning/entries/bulk", data={"action": "move", "next": "/planning/"},
                       follow_redirects=True)
    assert "Hãy chọn ít nhất một lịch phát." in none.text
    zero = client.post("/planning/entries/bulk", data={
        "entries": [str(rows[0].id)], "action": "move", "shift_minutes": "0",
        "next": "/planning/"}, follow_redirects=True)
    assert "Hãy nhập số ngày hoặc số phút cần dời." in zero.text
