"""The month calendar: counts per day and a colour per status, for the network or a station."""

from __future__ import annotations

import re
from datetime import timedelta

from radio import clock
from tests.factories.schedules import TZ


def _cell(page: str, day) -> str:
    return re.search(rf'<td class="([^"]*)" data-date="{day.isoformat()}"[^>]*>(.*?)</td>',
                     page, re.S).group(0)


def test_the_station_month_counts_entries_per_day(login, client, create_plain_entry):
    from radio.stations import get_station

    first = (clock.today(TZ).replace(day=1) + timedelta(days=400)).replace(day=1)
    day = first + timedelta(days=9)
    station = get_station("gio-an")
    for minute in (5, 15):
        create_plain_entry(station, starts_at=clock.local_day_bounds(day, TZ)[0]
                           + timedelta(hours=17, minutes=minute))
    login("editor")
    page = client.get(f"/planning/stations/gio-an/month?month={first:%Y-%m}").text
    assert f"Lịch tháng {first:%m/%Y}" in page
    cell = _cell(page, day)
    assert 'data-status="planned"' in cell and "2 mục" in cell
    assert f'href="/planning/stations/gio-an/week?start={day.isoformat()}"' in cell
    empty = _cell(page, day + timedelta(days=1))
    assert 'data-status="empty"' in empty
    network = client.get(f"/planning/month?month={first:%m/%Y}").text
    assert "2 mục" in _cell(network, day) and "Toàn mạng" in network
    bad = client.get("/planning/month?month=13/2026")
    assert bad.status_code == 400 and "Tháng “13/2026” không hợp lệ" in bad.text


def test_past_days_show_how_they_went(login, client, create_media_item, air):
    from datetime import UTC, datetime

    item = create_media_item("Tin tháng", audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    at = datetime(2022, 3, 8, 5, 40, tzinfo=TZ).astimezone(UTC)
    air("gio-mai", item, at, status="aired", seconds=60)
    air("gio-mai", item, at + timedelta(minutes=5), status="failed", seconds=60)
    login("auditor")
    page = client.get("/planning/stations/gio-mai/month?month=2022-03").text
    cell = _cell(page, at.astimezone(TZ).date())
    assert 'data-status="short"' in cell and "phát 1, lỗi 1" in cell
