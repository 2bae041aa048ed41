"""Issue 10's whole path in a real browser: an editor pastes a bulletin, previews it, saves it,
sends it for approval and schedules it; the schedule says "chờ duyệt" and the station's
playlist leaves it out; an approver on a 390 px phone screen approves it with one tap; the
station's next poll carries it."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.factories.schedules import free_day
from tests.live import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.dates]

TITLE = "Thông báo thủ tục cấp đổi giấy khai sinh"
TEXT = ("Thực hiện Kế hoạch số 23/KH-UBND ngày 08/02/2022 của UBND huyện về công tác "
        "CCHC, Ủy ban nhân dân xã thông báo: từ ngày 1/7 người dân nộp hồ sơ TTHC trực tuyến "
        "tại dichvucong.gov.vn. Mọi thắc mắc xin gọi số 0233 3856 123.")


def _playlist(server, token: str, day) -> dict:
    req = urllib.request.Request(
        f"{server.url}/api/v1/stations/gio-mai/playlist?date={day.isoformat()}",
        headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


def _login(page, username: str) -> None:
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.click("button.primary")


def test_a_bulletin_goes_from_text_to_air_through_approval(browser, make_live_server):
    server = make_live_server(True, extra_env={"RADIO_APPROVAL": "required",
                                                "RADIO_PLAYLIST_CACHE_S": "600"})
    token = server.cli("station", "token", "gio-mai").stdout.strip().splitlines()[0]
    server.start()
    day = free_day(7)
    desk = browser.new_context(base_url=server.url, viewport={"width": 1366, "height": 768})
    phone = browser.new_context(base_url=server.url, viewport={"width": 390, "height": 844},
                                is_mobile=True, has_touch=True)
    try:
        page = desk.new_page()
        page.set_default_timeout(30000)
        _login(page, "editor")
        page.goto("/library/bulletins/new")
        page.fill("input[name=title]", TITLE)
        page.fill("#bulletin-text", TEXT)
        page.select_option("#bulletin-voice", "espeak-ng:vi")
        page.click("#bulletin-preview")
        audio = page.wait_for_selector("#preview-player audio")
        assert audio.get_attribute("src")
        with page.expect_navigation(wait_until="load"):
            page.click("#bulletin-save")
        assert "bản nháp" in page.inner_text(".flash")
        item_id = int(page.url.rstrip("/").rsplit("/", 1)[-1])
        with page.expect_navigation(wait_until="load"):
            page.click("button:has-text('Gửi duyệt')")

        page.goto("/planning/entries/new")
        page.check("input[name=kind][value=item]")
        page.select_option("select[name=media_id]", str(item_id))
        page.check("input[name=target][value=chosen]")
        page.check("input[name=stations][value=gio-mai]")
        page.fill("input[name=date]", day.strftime("%d/%m/%Y"))
        page.fill("input[name=time]", "17:40")
        with page.expect_navigation(wait_until="load"):
            page.click("text=Lưu lịch phát")
        page.goto(f"/planning/stations/gio-mai/week?start={day:%d/%m/%Y}")
        slot = page.locator("#week .wk[data-entry]", has_text=TITLE)
        assert "chờ duyệt" in slot.first.inner_text().lower()
        before = _playlist(server, token, day)
        assert [i for i in before["items"] if i.get("media_id") == item_id] == []

        mobile = phone.new_page()
        mobile.set_default_timeout(30000)
        _login(mobile, "approver")
        mobile.goto("/approvals")
        with mobile.expect_navigation(wait_until="load"):
            mobile.click(f"a.title:has-text('{TITLE}')")
        assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
        with mobile.expect_navigation(wait_until="load"):
            mobile.tap("#approve-button")
        assert "Đã duyệt" in mobile.inner_text(".flash")

        after = _playlist(server, token, day)
        aired = [(i["media_id"], i["starts_at"][11:16]) for i in after["items"]
                 if i.get("media_id") == item_id]
        assert aired == [(item_id, "17:40")]
    finally:
        desk.close()
        phone.close()
