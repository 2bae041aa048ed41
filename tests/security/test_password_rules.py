"""Password rules hold wherever a password is set: the admin forms and `radio user add`."""

from __future__ import annotations

import pytest

from radio.accounts.operations import authenticate
from radio.passwords import common_passwords
from tests.foundation.util import counts

COMMON = "1234567890"  # in the shipped list, and long enough to pass the length rule
RULES = [
    ("ngan-qua", "Mật khẩu phải có ít nhất 10 ký tự."),
    (COMMON, "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, rất dễ bị đoán. "
             "Hãy chọn mật khẩu khác."),
    ("NguyenVanA-2026", "Mật khẩu không được chứa tên đăng nhập."),
]


def test_the_shipped_list_has_a_thousand_common_passwords():
    words = common_passwords()
    assert len(words) == 1000
    assert {"123456", "password", "qwerty", COMMON} <= words
    assert "test-password-1" not in words


@pytest.mark.parametrize(("password", "message"), RULES)
def test_the_admin_user_form_refuses_a_weak_password(login, password, message):
    client = login("admin")
    before = counts()
    resp = client.post("/admin/users/new", data={"username": "nguyenvana", "password": password,
                                                 "role": "editor"})
    assert resp.status_code == 400
    assert message in resp.text
    assert counts() == before


@pytest.mark.parametrize(("password", "message"), RULES)
def test_resetting_a_password_follows_the_same_rules(login, password, message):
    client = login("admin")
    if "NguyenVanA" in password:
        password = "Editor-secret-77"  # contains the username "editor"
    resp = client.post("/admin/users/editor/password", data={"password": password})
    assert resp.status_code == 400
    assert message in resp.text
    assert authenticate("editor", password) is None


@pytest.mark.parametrize(("password", "message"), RULES)
def test_radio_user_add_refuses_a_weak_password(runner, password, message):
    result = runner.invoke(args=["user", "add", "nguyenvana", "--role", "editor",
                                 "--password-stdin"], input=password + "\n")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Lỗi: {message}"


def test_a_good_password_is_accepted(runner):
    result = runner.invoke(args=["user", "add", "nguyenvana", "--role", "editor",
                                 "--password-stdin"], input="song-hieu-gio-linh\n")
    assert result.exit_code == 0, result.output
    assert authenticate("nguyenvana", "song-hieu-gio-linh").username == "nguyenvana"
