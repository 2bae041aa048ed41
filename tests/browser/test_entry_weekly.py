"""An editor makes a weekly entry from the web form, dates typed as dd/mm/yyyy."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from radio import clock

pytestmark = pytest.mark.browser
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_an_editor_makes_a_weekly_entry_from_the_web_form(page, login_as):
    start = clock.now().astimezone(TZ).date() + timedelta(days=120)
    while start.isoweekday() != 1:  # a Monday
        start += timedelta(days=1)
    until = start + timedelta(days=13)
    login_as("editor")
    page.goto("/planning/entries/new")
    page.check("input[name=kind][value=item]")
    page.select_option("select[name=media_id]", index=1)
    page.check("input[name=target][value=chosen]")
    page.check("input[name=stations][value=gio-mai]")
    page.fill("input[name=date]", start.strftime("%d/%m/%Y"))
    page.fill("input[name=time]", "17:40")
    page.check("input[name=repeat][value=weekly]")
    page.check("input[name=weekdays][value=MO]")
    page.check("input[name=weekdays][value=WE]")
    page.fill("input[name=until]", until.strftime("%d/%m/%Y"))
    with page.expect_navigation(wait_until="load"):
        page.click("text=Lưu lịch phát")
    assert "Đã thêm 4 lịch phát." in page.inner_text(".flash")
    assert "/planning/stations/gio-mai/week" in page.url
    assert page.locator("#week .wk[data-entry]").count() >= 2  # Monday and Wednesday this week
