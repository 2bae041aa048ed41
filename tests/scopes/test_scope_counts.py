"""Counts on the month calendar and the dashboard: a scoped user counts only the stations of
their scope; an unscoped user still counts the whole network."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from radio import clock
from radio.db import db
from radio.models import AsRunEvent
from tests.factories.schedules import TZ


def _cell(page: str, day: date) -> str:
    return re.search(rf'<td class="([^"]*)" data-date="{day.isoformat()}"[^>]*>(.*?)</td>',
                     page, re.S).group(0)


def test_the_network_month_counts_only_the_stations_in_scope(
        unit_world, scoped_user, sign_in, create_plain_entry, create_media_item, air):
    w = unit_world
    first = (clock.today(TZ).replace(day=1) + timedelta(days=400)).replace(day=1)
    day = first + timedelta(days=9)
    at = clock.local_day_bounds(day, TZ)[0] + timedelta(hours=17)
    for key in ("con-tien", "cua-viet", "thuan-hoa"):
        create_plain_entry(w.station(key), starts_at=at)
    item = create_media_item("Tin tháng", audio="stored", topics=("mot-cua",),
                             agency="phong-noi-vu")
    past = datetime(2025, 8, 5, 5, 40, tzinfo=TZ)
    for key in ("con-tien", "cua-viet"):
        air(w.station(key), item, past.astimezone(UTC), status="aired", seconds=60)
    everyone = scoped_user("editor", None, username="unscoped-editor")
    commune = scoped_user("editor", "con-tien", username="con-tien-editor")
    province = scoped_user("auditor", "qt", username="province-auditor")

    def month(user, first):
        page = sign_in(user).get(f"/planning/month?month={first:%Y-%m}")
        assert page.status_code == 200
        return page.text

    assert "1 mục" in _cell(month(commune, first), day)
    assert "2 mục" in _cell(month(province, first), day)  # not Huế's
    page = month(everyone, first)
    assert "3 mục" in _cell(page, day) and "Toàn mạng" in page
    august = date(2025, 8, 1)
    assert "phát 1, lỗi 0" in _cell(month(commune, august), past.date())
    assert "phát 2, lỗi 0" in _cell(month(everyone, august), past.date())
    assert "Xã Cồn Tiên" in month(commune, august)


def test_the_dashboard_archive_panel_counts_the_as_run_rows_in_scope(
        unit_world, scoped_user, sign_in, create_media_item, air):
    w = unit_world
    item = create_media_item("Tin bảng", audio="stored", topics=("mot-cua",),
                             agency="phong-noi-vu")
    at = datetime(2025, 8, 5, 5, 40, tzinfo=TZ).astimezone(UTC)
    air(w.station("con-tien"), item, at, status="aired", seconds=60)
    air(w.station("cua-viet"), item, at, status="aired", seconds=60)
    total = db.session.scalar(select(func.count()).select_from(AsRunEvent))
    board = sign_in(scoped_user("auditor", "con-tien")).get("/").text
    assert "Nhật ký phát: 1 dòng" in board
    board = sign_in(scoped_user("auditor", None, username="network-auditor")).get("/").text
    assert f"Nhật ký phát: {total} dòng" in board
