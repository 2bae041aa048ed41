"""Planning pages through the test client: forms, validation messages, grids, iCalendar."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from radio.db import db
from radio.models import Occurrence, Programme, ScheduleEntry
from tests.factories.schedules import next_weekday

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


def test_editor_creates_a_weekly_programme_from_the_presets(login, client):
    login("editor")
    tuesday = next_weekday(2)
    resp = client.post("/planning/programmes/new", data={
        "name": "Chuyên mục CCHC thử", "preset": "weekly", "weekdays": ["TU", "FR"],
        "start_time": "17:15", "duration_min": "15", "target": "all",
        "valid_from": tuesday.isoformat(), "valid_until": (tuesday + timedelta(days=6)).isoformat()})
    assert resp.status_code == 302, resp.text
    prog = db.session.scalar(select(Programme).where(Programme.name == "Chuyên mục CCHC thử"))
    assert prog.rrule == "FREQ=WEEKLY;BYDAY=TU,FR"
    page = client.get(resp.headers["Location"])
    assert page.status_code == 200
    assert tuesday.strftime("%d/%m/%Y") in page.text and "Hằng tuần: Thứ Ba, Thứ Sáu" in page.text


def test_programme_form_shows_errors_in_vietnamese_and_keeps_the_input(login, client):
    login("editor")
    resp = client.post("/planning/programmes/new", data={
        "name": "Thiếu ngày", "preset": "weekly", "start_time": "17:15", "duration_min": "15",
        "target": "all"})
    assert resp.status_code == 400
    assert "Hãy chọn ít nhất một ngày trong tuần." in resp.text
    assert 'value="Thiếu ngày"' in resp.text


def test_outside_window_needs_confirmation_in_the_form(login, client):
    login("editor")
    tuesday = next_weekday(2)
    data = {"name": "Buổi trưa", "preset": "daily", "start_time": "12:00", "duration_min": "10",
            "target": "district", "valid_from": tuesday.isoformat(),
            "valid_until": tuesday.isoformat()}
    first = client.post("/planning/programmes/new", data=data)
    assert first.status_code == 400
    assert "ngoài khung giờ phát" in first.text and 'name="confirm"' in first.text
    second = client.post("/planning/programmes/new", data=data | {"confirm": "1"})
    assert second.status_code == 302


def test_overlapping_entry_form_names_the_other_entry(login, client, make_programme, create_media_item):
    login("editor")
    tuesday = next_weekday(2)
    make_programme(name="Chuyên mục CCHC", valid_from=tuesday, until=tuesday)
    item = create_media_item("Tin chen ngang", 60)
    resp = client.post("/planning/entries/new", data={
        "kind": "item", "media_id": str(item.id), "target": "chosen", "stations": ["gio-an"],
        "date": tuesday.isoformat(), "time": "17:20", "priority": "normal"})
    assert resp.status_code == 400
    assert "Trùng giờ với “Chuyên mục CCHC”" in resp.text
    assert db.session.scalar(select(ScheduleEntry.id).where(
        ScheduleEntry.media_item_id == item.id)) is None


def test_rundown_page_adds_reorders_without_js_and_reports_overrun(login, client, make_programme,
                                                                  create_media_item):
    login("editor")
    tuesday = next_weekday(2)
    prog = make_programme(duration_s=300, valid_from=tuesday, until=tuesday)
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    a, b, big = create_media_item("Tin A", 100), create_media_item("Tin B", 100), create_media_item("Tin dài", 200)
    url = f"/planning/occurrences/{occ.id}/rundown"
    for item in (a, b):
        assert client.post(url, data={"action": "add", "media_id": item.id}).status_code == 302
    assert client.post(url, data={"action": "down", "position": "0"}).status_code == 302
    assert [r.media_item_id for r in occ.rundown] == [b.id, a.id]
    resp = client.post(url, data={"action": "add", "media_id": big.id})
    assert resp.status_code == 400
    assert "vượt quá khung 300 giây 100 giây" in resp.text
    page = client.get(f"/planning/occurrences/{occ.id}")
    assert page.text.index("Tin B") < page.text.index("Tin A")
    assert "3 phút 20 giây" in page.text  # total shown against the slot, in words


def test_week_grid_and_network_view_show_entries_and_gaps(login, client, make_programme):
    login("editor")
    tuesday = next_weekday(2)
    make_programme(name="CCHC lưới tuần", valid_from=tuesday, until=tuesday)
    week = client.get(f"/planning/stations/gio-an/week?start={tuesday.isoformat()}")
    assert week.status_code == 200
    assert "CCHC lưới tuần" in week.text and "17:15–17:30" in week.text
    assert "17:00–17:15" in week.text and "Trống" in week.text  # the gap before it
    network = client.get(f"/planning/?date={tuesday.isoformat()}")
    assert network.status_code == 200
    # On each of the demo network's 18 stations: a block in its lane and a line in its list.
    assert network.text.count('title="17:15–17:30 CCHC lưới tuần"') == 18
    assert network.text.count('17:15–17:30</span> <a href="/planning/occurrences/') == 18


def test_operator_sees_own_week_but_not_another_station(login, client):
    login("operator")
    assert client.get("/planning/stations/gio-an/week").status_code == 200
    assert client.get("/planning/stations/gio-hai/week").status_code == 403
    assert client.get("/planning/programmes/new").status_code == 403


def test_icalendar_feed_lists_the_station_entries_in_utc(login, client, make_programme):
    login("editor")
    tuesday = next_weekday(2)
    make_programme(name="CCHC, lịch; iCal", valid_from=tuesday, until=tuesday)
    resp = client.get("/api/v1/stations/gio-an/calendar.ics")
    assert resp.status_code == 200 and resp.mimetype == "text/calendar"
    text = resp.get_data(as_text=True)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip().endswith("END:VCALENDAR")
    assert f"DTSTART:{tuesday.strftime('%Y%m%d')}T101500Z" in text
    assert "SUMMARY:CCHC\\, lịch\\; iCal" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_dashboard_shows_the_scheduler_panel(login, client):
    login("admin")
    resp = client.get("/")
    if resp.status_code == 302:
        resp = client.get(resp.headers["Location"])
    assert "Bộ lập lịch tự động" in resp.text


def test_emergency_form_sends_at_once_repeating_and_cancel_stops_the_batch(login, client,
                                                                          create_media_item):
    login("editor")
    storm = create_media_item("Tin bão khẩn", 45)
    resp = client.post("/planning/entries/new", data={
        "kind": "item", "media_id": str(storm.id), "target": "communes",
        "date": next_weekday(2).isoformat(), "time": "", "priority": "emergency",
        "when": "now", "repeat_every": "120"})
    assert resp.status_code == 302, resp.text
    rows = db.session.scalars(select(ScheduleEntry).where(
        ScheduleEntry.media_item_id == storm.id)).all()
    assert len(rows) == 17 and {r.repeat_every_s for r in rows} == {7200}
    assert {r.priority.value for r in rows} == {"emergency"}
    resp = client.post(f"/planning/entries/{rows[0].id}/cancel", data={"batch": "1",
                                                                       "confirm": "1"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert all(r.cancelled_at is not None for r in db.session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.media_item_id == storm.id)))


def test_station_token_opens_its_own_icalendar_feed_only(client):
    from radio.stations import get_station, rotate_token

    token = rotate_token(None, get_station("gio-an"))
    own = client.get(f"/api/v1/stations/gio-an/calendar.ics?token={token}")
    assert own.status_code == 200 and own.mimetype == "text/calendar"
    assert "X-WR-CALNAME:Lịch phát Xã Gio An" in own.get_data(as_text=True)
    other = client.get(f"/api/v1/stations/gio-hai/calendar.ics?token={token}")
    assert other.status_code == 403
