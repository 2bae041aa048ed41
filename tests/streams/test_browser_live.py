"""Chromium with a fake microphone goes live from the "Phát trực tiếp" page; ffmpeg listens."""

from __future__ import annotations

import threading
import time

import pytest

from tests.browser.conftest import CHROMIUM
from tests.live import TEST_PASSWORD
from tests.streams.conftest import DISTRICT, finished_session, listen


@pytest.fixture(scope="module")
def mic_browser(playwright_driver):
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"])
    yield browser
    browser.close()


def test_going_live_from_the_page_with_a_fake_microphone(stream_server, mic_browser):
    server = stream_server
    token = server.seeder.token(DISTRICT)
    context = mic_browser.new_context(base_url=server.url)
    context.grant_permissions(["microphone"])
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto("/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", TEST_PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.click("button.primary")
    page.goto(f"/live/{DISTRICT}")
    assert "https://" in page.inner_text("#go-live")  # the page says why a microphone may fail
    page.click("#live-start")
    page.wait_for_selector("#go-live[data-state=live]")
    heard: dict = {}

    def listener():
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the mount appears once ffmpeg has the first chunks
            code, decoded, err = listen(f"{server.icecast}/{DISTRICT}.mp3?token={token}", 6)
            if code == 0 and decoded > 0:
                heard.update(code=code, decoded=decoded)
                return
            heard["err"] = err[-500:]
            time.sleep(0.5)

    thread = threading.Thread(target=listener)
    thread.start()
    time.sleep(10)
    thread.join(30)
    level = float(page.get_attribute("#live-level", "data-peak") or 0)
    elapsed = page.inner_text("#live-elapsed")
    page.click("#live-stop")
    page.wait_for_selector("#go-live[data-state=stopped]")
    context.close()
    assert heard.get("code") == 0, heard
    assert heard["decoded"] >= 5.0
    assert elapsed >= "00:09"
    assert level > 0  # Chromium's fake microphone plays a beep
    session = finished_session(server, DISTRICT)
    assert session.source == "browser" and session.status.value == "ended"
    assert session.started_by_name == "Quản trị hệ thống"
    assert session.media_item.duration_s >= 5.0
