"""In Chromium: the emergency page updates its receipts table by itself while the emergency
is on air (the partial's script polls receipts.json every 5 s; the page reloads only every 30 s)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from radio import clock
from tests.live import TEST_PASSWORD
from tests.stations.conftest import http

pytestmark = pytest.mark.browser


def test_the_receipts_table_updates_live(browser, fleet):
    server, seeder = fleet["server"], fleet["seeder"]
    item = seeder.media(90.0, 1500, "Tin khẩn cấp thử: triều cường")
    entry = seeder.emergency("gio-mai", item)
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto("/login")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", TEST_PASSWORD)
        with page.expect_navigation(wait_until="load"):
            page.click("button.primary")
        page.goto(f"/emergency/{entry.batch_id}")
        cell = page.locator("#emergency-receipts tr[data-receipt-station=gio-mai] td.started")
        assert cell.inner_text() == "—"
        assert page.get_attribute("#emergency-receipts", "data-active") == "1"
        marker = page.evaluate("() => { window.stillHere = 1; return window.stillHere; }")
        at = (entry.starts_at + timedelta(seconds=3)).astimezone(clock.zone())
        resp = http("POST", f"{server.url}/api/v1/stations/gio-mai/receipts",
                    token=fleet["tokens"]["gio-mai"],
                    body={"entry_id": entry.id, "status": "started", "at": at.isoformat()})
        assert resp.status == 200
        page.wait_for_function(
            "() => document.querySelector("
            "'#emergency-receipts tr[data-receipt-station=gio-mai] td.started')"
            ".innerText.includes('+3 giây')", timeout=12000)
        assert marker == 1 and page.evaluate("() => window.stillHere") == 1  # no reload
        assert page.locator("#emergency-receipts tr[data-receipt-station=gio-mai] td.started"
                            ).inner_text() == at.strftime("%d/%m/%Y %H:%M:%S") + " (+3 giây)"
    finally:
        context.close()
        seeder.cancel(entry)
