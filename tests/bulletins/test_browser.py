"""The bulletin form in real Chromium against a live server: preview in place with the page's
script, save; and the same form with JavaScript switched off."""

from __future__ import annotations

import os

import pytest

from tests.bulletins.conftest import PLAN
from tests.live import TEST_PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("RADIO_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def chromium(playwright_driver):
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run",
              "--autoplay-policy=no-user-gesture-required"])
    yield browser
    browser.close()


def _page(chromium, live_server, js: bool):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=js,
                                   viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30000)
    page.goto("/login")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", TEST_PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.click("button.primary")
    return context, page


def test_editor_pastes_previews_in_place_and_saves(chromium, live_server):
    context, page = _page(chromium, live_server, js=True)
    try:
        page.goto("/library/")
        with page.expect_navigation():
            page.click("text=Viết bản tin")
        page.fill("input[name=title]", "Bản tin thử trên trình duyệt")
        page.fill("#bulletin-text", PLAN)
        url = page.url
        page.click("#bulletin-preview")
        page.wait_for_selector("#preview-audio")
        assert page.url == url  # the script kept the page
        seconds = page.eval_on_selector("#preview-audio", """a => new Promise(ok => {
            if (a.readyState >= 1) ok(a.duration);
            a.addEventListener('loadedmetadata', () => ok(a.duration)); })""")
        assert 10 < seconds < 120, seconds
        with page.expect_navigation(wait_until="load", timeout=90000):
            page.click("#bulletin-save")
        assert "/library/" in page.url and "/bulletins/" not in page.url
        assert "Đã lưu bản tin “Bản tin thử trên trình duyệt” (đã duyệt)." in page.content()
        assert page.locator("#edit-bulletin-text").count() == 1
    finally:
        context.close()


def test_preview_and_save_without_javascript(chromium, live_server):
    context, page = _page(chromium, live_server, js=False)
    try:
        page.goto("/library/bulletins/new")
        assert page.locator("script:not([src]):not([type])").count() == 0  # no inline script
        page.fill("input[name=title]", "Bản tin không JavaScript")
        page.fill("#bulletin-text", "Thông báo lịch tiếp công dân của UBND xã.")
        with page.expect_navigation(wait_until="load", timeout=90000):
            page.click("#bulletin-preview")
        src = page.get_attribute("#preview-player audio", "src")
        assert src.startswith("/library/bulletins/preview/")
        audio = page.request.get(live_server.url + src)
        assert audio.status == 200 and audio.body()[:4] == b"RIFF"
        assert page.input_value("#bulletin-text") == "Thông báo lịch tiếp công dân của UBND xã."
        with page.expect_navigation(wait_until="load", timeout=90000):
            page.click("#bulletin-save")
        assert "Đã lưu bản tin “Bản tin không JavaScript” (đã duyệt)." in page.content()
    finally:
        context.close()
