"""Sign-in, read-only auditors and the phone layout, in a real browser."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/radio-shots")


def shot(page, name: str) -> None:
    """Keep a screenshot for people to look at; tests never compare pixels."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_editor_sees_the_eighteen_stations(page, login_as):
    login_as("editor")
    rows = page.locator("#stations tbody tr")
    assert rows.count() == 18
    assert "Đài truyền thanh huyện Gio Linh" in page.inner_text("#stations")
    assert page.locator("#stations tbody tr").first.get_attribute("data-code") == "huyen-gio-linh"
    shot(page, "dashboard-editor")


def test_wrong_password_shows_a_vietnamese_error(page, login_as):
    login_as("editor", "not-the-password")
    assert page.locator(".flash.error").inner_text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert page.url.endswith("/login")


def test_auditor_finds_no_edit_controls(page, login_as):
    login_as("auditor")
    visited = 0
    for link in ["/"] + [a for a in page.eval_on_selector_all(
            "nav.main a", "els => els.map(e => e.getAttribute('href'))")]:
        page.goto(link)
        visited += 1
        post_forms = page.eval_on_selector_all(
            "form", "els => els.filter(f => (f.method || '').toLowerCase() === 'post')"
                    ".map(f => new URL(f.action, location.href).pathname)")
        assert post_forms == ["/logout"], f"{link}: {post_forms}"
        assert page.locator("a[href^='/admin']").count() == 0, link
    assert visited >= 2
    assert "Nhật ký thay đổi" in page.inner_text("nav.main")
    shot(page, "auditor-last-page")


def test_auditor_who_types_an_admin_address_is_refused(page, login_as):
    login_as("auditor")
    response = page.goto("/admin/stations")
    assert response.status == 403
    assert "Bạn không có quyền truy cập trang này." in page.inner_text("main")


def test_dashboard_fits_a_phone_screen(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    phone = context.new_page()
    try:
        phone.goto("/login")
        phone.fill("input[name=username]", "editor")
        phone.fill("input[name=password]", "test-password-1")
        phone.click("button.primary")
        phone.wait_for_selector("#stations")
        widths = phone.evaluate("() => ({body: document.body.scrollWidth, "
                                "doc: document.documentElement.scrollWidth, view: innerWidth})")
        assert widths["view"] == 390
        assert widths["body"] <= widths["view"] and widths["doc"] <= widths["view"], widths
        assert phone.locator("#stations tbody tr").count() == 18
        shot(phone, "dashboard-phone")
    finally:
        context.close()


def test_language_switch_to_english_and_back(page, login_as):
    login_as("editor")
    page.click("header .lang a:text('EN')")
    assert page.locator("h1").first.inner_text().startswith("Radio network")
    page.click("header .lang a:text('VI')")
    assert page.locator("h1").first.inner_text().startswith("Mạng lưới truyền thanh")
