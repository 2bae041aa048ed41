"""The page scripts run from static files under the CSP, and no page logs a CSP violation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from radio import clock

pytestmark = pytest.mark.browser


@pytest.fixture
def csp_violations(page):
    seen: list[str] = []
    page.on("console", lambda msg: seen.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text else None)
    page.on("pageerror", lambda exc: seen.append(str(exc)))
    return seen


def test_scripts_work_without_breaking_the_policy(page, login_as, csp_violations):
    login_as("admin")

    # Admin user form: the station list shows only for operators.
    page.goto("/admin/users/new")
    field = page.locator("#stations-field")
    assert field.is_hidden()
    page.select_option("select[name=role]", "operator")
    assert field.is_visible()
    page.select_option("select[name=role]", "auditor")
    assert field.is_hidden()

    # Week grid: choosing another station goes to its week.
    page.goto("/planning/stations/gio-an/week")
    with page.expect_navigation():
        page.select_option("select[name=station]", index=1)
    assert "/planning/stations/gio-an/week" not in page.url
    assert re.search(r"/planning/stations/[a-z0-9-]+/week", page.url)

    # Rundown: the drag script is loaded and reacts (no drop, so nothing changes). Next week
    # always holds the column's occurrences (Tuesday and Friday); this week's may be over.
    next_week = clock.today() + timedelta(days=7)
    page.goto(f"/planning/stations/gio-an/week?start={next_week:%d/%m/%Y}")
    page.locator("a[href*='/planning/occurrences/']").first.click()
    page.wait_for_selector("#rundown")
    items = page.locator("#rundown li[data-id]")
    assert items.count() >= 1
    items.first.dispatch_event("dragstart")
    assert "dragging" in (items.first.get_attribute("class") or "")
    items.first.dispatch_event("dragend")
    assert "dragging" not in (items.first.get_attribute("class") or "")

    # Library item: deleting asks first; saying no keeps the item.
    page.goto("/library/")
    link = page.locator("table a[href*='/library/']").first
    link.click()
    item_url = page.url
    questions: list[str] = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.locator("form[data-confirm] button").click()
    page.wait_for_timeout(300)
    assert questions == ["Xóa hẳn mục này?"]
    assert page.url == item_url

    assert csp_violations == []
