"""Operator and reconciliation pages in real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

SHOTS = Path("/tmp/radio-shots")
pytestmark = pytest.mark.browser


def test_an_editor_sees_the_network_reconciliation_grid(page, login_as):
    login_as("editor")
    page.goto("/operator/reconcile")
    rows = page.locator("#reconcile tbody tr")
    assert rows.count() >= 17
    assert page.locator("#reconcile .badge.warn").count() >= 1  # the demo's silent station
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "reconcile.png"), full_page=True)
    with page.expect_navigation():
        page.locator("a:has-text('Tỷ lệ phát đúng lịch')").first.click()
    assert page.locator("#compliance tfoot").inner_text().strip().startswith("Toàn mạng")
    page.screenshot(path=str(SHOTS / "compliance.png"), full_page=True)


def test_an_operator_sees_the_schedule_downloads_and_setup(page, login_as):
    login_as("operator")
    with page.expect_navigation():
        page.click("nav.main a:has-text('Trạm của tôi')")
    assert "/operator/stations/gio-an" in page.url
    assert page.locator("#schedule").is_visible()
    assert page.locator("a.button:has-text('M3U8')").is_visible()
    assert "token=MÃ_TRUY_CẬP" in page.locator("#setup").inner_text()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "operator-station.png"), full_page=True)
    with page.expect_download() as download:
        page.click("a.button:has-text('JSON')")
    assert download.value.suggested_filename.endswith(".json") or download.value.path()
