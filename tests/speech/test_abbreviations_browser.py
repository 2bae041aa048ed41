"""An editor reaches the abbreviation page from the library, adds a row, tries a sentence and
deletes the row again (real Chromium against the live server, CSRF on)."""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.browser


def test_an_editor_adds_tries_and_deletes_an_abbreviation(page, login_as, tmp_path):
    login_as("editor")
    page.goto("/library/")
    page.click("#abbreviations-link")
    assert page.url.endswith("/settings/abbreviations")
    assert page.locator("#builtin tr[data-abbreviation='UBND'] .badge").first.inner_text() == "có sẵn"
    page.fill("#abbreviation-form input[name=abbreviation]", "BQLDA")
    page.fill("#abbreviation-form input[name=expansion]", "ban quản lý dự án")
    with page.expect_navigation():
        page.click("#abbreviation-form button.primary")
    assert page.locator(".flash").first.inner_text() == "Đã thêm chữ viết tắt BQLDA."
    row = page.locator("#editor-rows tr[data-abbreviation='BQLDA'] td")
    assert row.nth(1).inner_text() == "ban quản lý dự án"
    page.fill("#try textarea[name=text]", "BQLDA xã họp lúc 7h30 ngày 08/02/2022")
    with page.expect_navigation():
        page.click("#try button.primary")
    assert page.locator("#spoken").inner_text() == (
        "ban quản lý dự án xã họp lúc bảy giờ ba mươi phút ngày tám tháng hai năm hai nghìn "
        "không trăm hai mươi hai")
    if os.environ.get("SPEECH_SCREENSHOT"):
        page.screenshot(path=os.environ["SPEECH_SCREENSHOT"], full_page=True)
    with page.expect_navigation():
        page.click("#editor-rows tr[data-abbreviation='BQLDA'] button.danger")
    with page.expect_navigation():
        page.click("#confirm-yes")
    assert page.locator(".flash").first.inner_text() == "Đã xóa chữ viết tắt BQLDA."
    assert page.locator("#editor-rows tr[data-abbreviation='BQLDA']").count() == 0
