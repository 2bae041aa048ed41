"""Chromium with a fake microphone goes live from the "Phát trực tiếp" page; ffmpeg listens.
The process that feeds the mount (`radio live --follow`) ends with its session, whether the page
stops it or goes away."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from media.streams.browser import IDLE_STOP_S
from radio.models import LiveSession
from tests.browser.conftest import CHROMIUM
from tests.live import TEST_PASSWORD
from tests.procs import assert_none_left
from tests.streams.conftest import DISTRICT, finished_session, listen


@pytest.fixture(scope="module")
def mic_browser(playwright_driver):
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"])
    yield browser
    browser.close()


def last_session_id(server) -> int:
    server.seeder.refresh()
    return server.seeder.session.scalar(select(func.max(LiveSession.id))) or 0


def sessions_since(server, after_id: int) -> dict[int, str]:
    server.seeder.refresh()
    rows = server.seeder.session.execute(
        select(LiveSession.id, LiveSession.status).where(LiveSession.id > after_id)).all()
    return {row.id: row.status.value for row in rows}


def go_live_on_the_page(server, mic_browser):
    """Log in as the admin and press "start" on the district's live page: (context, page)."""
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
    return context, page


def hear(url: str, within_s: float, heard: dict) -> None:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:  # the mount appears once ffmpeg has the first chunks
        code, decoded, err = listen(url, 6)
        if code == 0 and decoded > 0:
            heard.update(code=code, decoded=decoded)
            return
        heard["err"] = err[-500:]
        time.sleep(0.5)


def feeder_input(server, session_id: int) -> str:
    return str(server.data_dir / "streams" / "browser" / f"session-{session_id}.webm")


def test_going_live_from_the_page_with_a_fake_microphone(stream_server, mic_browser):
    server = stream_server
    before = last_session_id(server)
    token = server.seeder.token(DISTRICT)
    context, page = go_live_on_the_page(server, mic_browser)
    heard: dict = {}
    thread = threading.Thread(target=hear, args=(f"{server.icecast}/{DISTRICT}.mp3?token={token}",
                                                 20, heard))
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
    session = finished_session(server, DISTRICT, after_id=before)
    assert session.source == "browser" and session.status.value == "ended"
    assert session.started_by_name == "Quản trị hệ thống"
    assert session.media_item.duration_s >= 5.0
    # The feeder and its ffmpeg end with the session, though ffmpeg had read all there was.
    assert_none_left(feeder_input(server, session.id), timeout=10)


def test_a_page_closed_without_stopping_ends_its_session_and_feeder(stream_server, mic_browser):
    server = stream_server
    before = last_session_id(server)
    token = server.seeder.token(DISTRICT)
    context, _page = go_live_on_the_page(server, mic_browser)
    session_id = last_session_id(server)  # the page's, announced before any sound
    assert session_id > before
    heard: dict = {}
    hear(f"{server.icecast}/{DISTRICT}.mp3?token={token}", 20, heard)
    context.close()  # no "stop": the chunks just stop coming
    assert heard.get("code") == 0, heard
    assert_none_left(feeder_input(server, session_id), timeout=IDLE_STOP_S + 10)
    deadline = time.monotonic() + 40
    while sessions_since(server, before).get(session_id) in ("waiting", "live"):
        assert time.monotonic() < deadline, sessions_since(server, before)
        time.sleep(0.3)
    assert sessions_since(server, before)[session_id] == "ended"
