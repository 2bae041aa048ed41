"""Sign-in in a real browser."""

import pytest

pytestmark = pytest.mark.browser


def test_editor_sees_the_eighteen_stations(page, login_as):
    login_as("editor")
    rows = page.locator("#stations tbody tr")
    assert rows.count() == 18
    assert "Đài truyền thanh huyện Gio Linh" in page.inner_text("#stations")


def test_wrong_password_shows_a_vietnamese_error(page, login_as):
    login_as("editor", "not-the-password")
    assert page.locator(".flash.error").inner_text() == "Sai tên đăng nhập hoặc mật khẩu."
