"""Bad input gives a clear Vietnamese message (CLI: exit 1 and "Lỗi: …"; forms: 400) and
changes nothing."""

from __future__ import annotations

import pytest

from tests.foundation.util import counts

PASSWORD = "a-long-password"

CLI_CASES = {
    "duplicate station code": (
        ["station", "add", "gio-an", "--name", "Xã Gio An mới"], None,
        "Lỗi: Mã đài “gio-an” đã tồn tại."),
    "unknown role": (
        ["user", "add", "nguyenvana", "--role", "chief", "--password-stdin"], PASSWORD + "\n",
        "Lỗi: Vai trò “chief” không tồn tại."),
    "operator bound to a missing station": (
        ["user", "add", "nguyenvana", "--role", "operator", "--station", "gio-khong-co",
         "--password-stdin"], PASSWORD + "\n",
        "Lỗi: Không có đài/trạm mã “gio-khong-co”."),
    "too-short password": (
        ["user", "add", "nguyenvana", "--role", "editor", "--password-stdin"], "ngan\n",
        "Lỗi: Mật khẩu phải có ít nhất 10 ký tự."),
    "bad window": (
        ["station", "add", "gio-moi", "--name", "Xã Gio Mới", "--windows", "25:00+60"], None,
        "Lỗi: Khung giờ “25:00+60” không đúng dạng"),
    "unknown station for a token": (
        ["station", "token", "gio-khong-co"], None, "Lỗi: Không có đài/trạm mã “gio-khong-co”."),
}


@pytest.mark.parametrize("case", CLI_CASES, ids=list(CLI_CASES))
def test_cli_bad_input_exits_1_with_a_vietnamese_message(runner, case):
    args, stdin, message = CLI_CASES[case]
    before = counts()
    result = runner.invoke(args=args, input=stdin)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(message), result.stderr
    assert result.stdout == ""
    assert counts() == before


def test_cli_user_add_with_good_input_creates_the_operator(runner):
    before = counts()
    result = runner.invoke(args=["user", "add", "nguyenvana", "--role", "operator",
                                 "--station", "gio-an,gio-hai", "--password-stdin"],
                           input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Đã tạo tài khoản nguyenvana (operator)." in result.stdout
    after = counts()
    assert (after["users"], after["user_stations"]) == (before["users"] + 1,
                                                        before["user_stations"] + 2)


FORM_CASES = {
    "duplicate station code": (
        "/admin/stations/new", {"code": "gio-an", "name": "Xã Gio An", "kind": "commune",
                                "windows": "05:30+60"},
        "Mã đài “gio-an” đã tồn tại."),
    "bad station code": (
        "/admin/stations/new", {"code": "Gio An", "name": "Xã Gio An", "kind": "commune",
                                "windows": ""},
        "Mã đài “Gio An” không hợp lệ"),
    "bad window on edit": (
        "/admin/stations/gio-an", {"name": "Xã Gio An", "windows": "05:30+60, 17h"},
        "Khung giờ “17h” không đúng dạng HH:MM+phút"),
    "unknown role": (
        "/admin/users/new", {"username": "nguyenvana", "password": PASSWORD, "role": "chief"},
        "Vai trò “chief” không tồn tại."),
    "operator bound to a missing station": (
        "/admin/users/new", {"username": "nguyenvana", "password": PASSWORD, "role": "operator",
                             "stations": "gio-khong-co"},
        "Không có đài/trạm mã “gio-khong-co”."),
    "operator without a station": (
        "/admin/users/new", {"username": "nguyenvana", "password": PASSWORD, "role": "operator"},
        "Người vận hành phải được gán ít nhất một đài/trạm."),
    "too-short password": (
        "/admin/users/new", {"username": "nguyenvana", "password": "ngan", "role": "editor"},
        "Mật khẩu phải có ít nhất 10 ký tự."),
    "duplicate username": (
        "/admin/users/new", {"username": "editor", "password": PASSWORD, "role": "editor"},
        "Tên đăng nhập “editor” đã tồn tại."),
    "merge into itself": (
        "/admin/stations/gio-an/merge", {"into": "gio-an", "on": "31/12/2024"},
        "Không thể sáp nhập một đài vào chính nó."),
    "merge without a date": (
        "/admin/stations/gio-an/merge", {"into": "gio-hai", "on": ""},
        "Hãy nhập ngày cuối cùng hoạt động."),
    "impossible date": (
        "/admin/stations/gio-an/merge", {"into": "gio-hai", "on": "31/02/2024"},
        "Ngày “31/02/2024” không hợp lệ: nhập theo dạng dd/mm/yyyy."),
    "merge before the station began": (
        "/admin/stations/gio-an/merge", {"into": "gio-hai", "on": "01/05/2019"},
        "Ngày cuối cùng hoạt động phải sau ngày bắt đầu."),
}


@pytest.mark.parametrize("case", FORM_CASES, ids=list(FORM_CASES))
def test_form_bad_input_answers_400_in_vietnamese_and_changes_nothing(client, login, case):
    url, data, message = FORM_CASES[case]
    login("admin")
    before = counts()
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert message in response.text
    assert counts() == before


def test_short_password_reset_is_refused_and_the_old_password_still_works(client, login):
    login("admin")
    before = counts()
    response = client.post("/admin/users/editor/password", data={"password": "ngan"})
    assert response.status_code == 400
    assert "Mật khẩu phải có ít nhất 10 ký tự." in response.text
    assert counts() == before
    client.post("/logout")
    login("editor")
