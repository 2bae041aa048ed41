"""Every date field shows dd/mm/yyyy in a Chromium set to an English locale: our own field (text
input, mask, small calendar), never the browser's native date input."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

DMY = re.compile(r"^(\d{2}/\d{2}/\d{4})?$")
PAGES = ["/planning/", "/planning/entries/new", "/planning/programmes/new",
         "/operator/reconcile", "/operator/compliance", "/admin/stations/new", "/audit/"]


@pytest.fixture
def english_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US",
                                  viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _login(page, username="admin"):
    from tests.live import TEST_PASSWORD

    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.click("button.primary")


def test_every_date_field_reads_dd_mm_yyyy_in_an_english_browser(english_page):
    page = english_page
    _login(page)
    assert page.evaluate("navigator.language") == "en-US"
    item = page.goto("/library/") and page.locator("table a[href^='/library/']").first
    pages = PAGES + [item.get_attribute("href")]
    seen = 0
    for path in pages:
        page.goto(path)
        assert page.locator("input[type=date]").count() == 0, path
        fields = page.locator("input[data-date-field]")
        assert fields.count() >= 1, path
        for i in range(fields.count()):
            field = fields.nth(i)
            assert field.evaluate("e => e.type") == "text"
            value = field.input_value()
            assert DMY.match(value), f"{path}: {value!r}"
            seen += 1
        assert page.locator(".datefield-open").count() == fields.count(), path
    assert seen >= 12


def test_the_mask_and_the_calendar_fill_dd_mm_yyyy(english_page):
    page = english_page
    _login(page)
    page.goto("/lang/en?next=/planning/entries/new")
    field = page.locator("input[name=date]")
    field.fill("")
    field.type("03122026")
    assert field.input_value() == "03/12/2026"
    field.fill("2026-12-24")  # an ISO date pasted in becomes dd/mm/yyyy
    assert field.input_value() == "24/12/2026"
    wrap = page.locator(".datefield", has=page.locator("input[name=date]"))
    wrap.locator(".datefield-open").click()
    calendar = wrap.locator(".datefield-calendar")
    assert calendar.is_visible()
    assert "12/2026" in calendar.locator(".datefield-title").inner_text()
    calendar.locator("button[data-date='09/12/2026']").click()
    assert field.input_value() == "09/12/2026" and not calendar.is_visible()
    wrap.locator(".datefield-open").click()
    calendar.locator("button[aria-label='Next month']").click()
    calendar.locator("button[data-date='05/01/2027']").click()
    assert field.input_value() == "05/01/2027"
