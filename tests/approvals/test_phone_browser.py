"""An approver on a 390 px phone screen (real Chromium, Debian's package) opens the approval
page of a submitted bulletin, taps "Duyệt", sees the flash, and never scrolls sideways."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.factories.audio import tone
from tests.live import TEST_PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("RADIO_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path("/tmp/radio-shots")
FLASH = "Đã duyệt. Nội dung sẽ có trong danh sách phát của trạm ở lần tải tiếp theo."
NO_SIDEWAYS = "document.documentElement.scrollWidth"


@pytest.fixture
def phone(playwright_driver):
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"])
    yield browser
    browser.close()


def test_an_approver_approves_on_a_390px_phone(make_live_server, phone, tmp_path):
    server = make_live_server(demo_data=True, extra_env={"RADIO_APPROVAL": "required"})
    server.cli("user", "add", "lanhdao", "--role", "approver", "--name", "Lãnh đạo UBND xã",
               "--password-stdin", input=TEST_PASSWORD + "\n")
    audio = tmp_path / "thong-bao.wav"
    audio.write_bytes(tone(3.0, 523, "wav").read_bytes())
    added = server.cli("media", "add", str(audio), "--title",
                       "Thông báo lịch tiếp công dân tháng 12 của Ủy ban nhân dân xã",
                       "--as", "editor", "--json")
    item_id = json.loads(added.stdout.splitlines()[-1])["id"]
    sent = json.loads(server.cli("media", "submit", str(item_id), "--by", "editor",
                                 "--json").stdout)
    assert (sent["id"], sent["status"], sent["by"]) == (item_id, "submitted", "editor")
    server.start()

    context = phone.new_context(base_url=server.url, viewport={"width": 390, "height": 844},
                                is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto("/login")
        page.fill("input[name=username]", "lanhdao")
        page.fill("input[name=password]", TEST_PASSWORD)
        with page.expect_navigation(wait_until="load"):
            page.click("button.primary")
        page.goto("/approvals")
        assert "Thông báo lịch tiếp công dân" in page.inner_text("#waiting")
        assert page.evaluate(NO_SIDEWAYS) <= 390
        page.goto(f"/approvals/media/{item_id}")
        assert page.inner_text("#approval-state") == "Chờ duyệt"
        assert page.locator("audio").count() == 1
        assert page.evaluate(NO_SIDEWAYS) <= 390
        box = page.locator("#approve-button").bounding_box()
        assert box["width"] >= 300 and box["height"] >= 44  # a big button for a thumb
        with page.expect_navigation(wait_until="load"):
            page.tap("#approve-button")
        assert FLASH in page.inner_text(".flash")
        assert page.inner_text("#approval-state") == "Đã duyệt"
        history = page.inner_text("#approval-history")
        assert "editor · viết / nạp" in history and "editor · gửi duyệt" in history
        assert "lanhdao · duyệt" in history
        assert page.evaluate(NO_SIDEWAYS) <= 390
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "approval-phone.png"), full_page=True)
    finally:
        context.close()
    # The database holds the approval: an approved item can no longer be returned.
    late = server.cli("media", "return", str(item_id), "--by", "lanhdao", "--reason", "muộn",
                      check=False)
    assert late.returncode == 2
    assert "Chỉ trả lại được nội dung đang chờ duyệt." in late.stderr
