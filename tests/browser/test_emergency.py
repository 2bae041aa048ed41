"""An editor sends an emergency to every commune with an end time, sees the banner on the
dashboard and the network view, cancels it everywhere after confirming, and the banner goes."""

from datetime import timedelta
from pathlib import Path

import pytest

from radio import clock

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/radio-shots")
BANNER = ".emergency-banner"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_editor_sends_an_emergency_sees_the_banner_and_cancels_it_everywhere(page, login_as):
    login_as("editor")
    page.goto("/emergency/new")
    page.locator("select[name=media_id] option:not([value=''])").first.wait_for(state="attached")
    value = page.locator("select[name=media_id] option:not([value=''])").first.get_attribute(
        "value")
    title = page.locator(f"select[name=media_id] option[value='{value}']").inner_text()
    page.select_option("select[name=media_id]", value)
    page.check("input[name=target][value=communes]")
    page.check("input[name=when][value=now]")
    page.fill("input[name=repeat_every]", "10")
    until = (clock.now() + timedelta(hours=1)).astimezone(clock.zone())
    page.fill("input[name=until_date]", until.strftime("%d/%m/%Y"))
    page.fill("input[name=until_time]", until.strftime("%H:%M"))
    shot(page, "emergency-form")
    page.click("text=Xem trước")
    page.wait_for_selector("#emergency-confirm")
    assert "trên 17 đài/trạm" in page.inner_text("#emergency-confirm")
    shot(page, "emergency-confirm")
    with page.expect_navigation():
        page.click("#emergency-send")
    page.wait_for_selector("#emergency-live")
    assert page.locator("#emergency-live tbody tr").count() == 17

    short_title = title.split(" (")[0]
    page.goto("/")
    assert short_title in page.inner_text(BANNER)
    shot(page, "emergency-banner-dashboard")
    page.goto("/planning/")
    assert short_title in page.inner_text(BANNER)

    page.click(f"{BANNER} a")
    page.wait_for_selector("#emergency-live")
    page.click("#cancel-everywhere")
    page.wait_for_selector("#confirm-cancel")
    with page.expect_navigation():
        page.click("#confirm-cancel")
    page.wait_for_selector("#emergency-live")
    assert "Đã huỷ bản tin khẩn cấp ở mọi nơi" in page.inner_text("main")
    assert page.locator(BANNER).count() == 0
    page.goto("/")
    assert page.locator(BANNER).count() == 0
    page.goto("/planning/")
    assert page.locator(BANNER).count() == 0
    shot(page, "emergency-cancelled")
