"""Account care: change one's own password, an admin's reset forces a change at the next
sign-in, `radio user passwd|list`, and confirmations before a token rotation or a lock."""

from __future__ import annotations

import json
import re

from radio.accounts.operations import authenticate
from radio.accounts.util import get_user
from radio.db import db
from radio.models import Station
from tests.live import TEST_PASSWORD

NEW = "mat-khau-moi-2026"


def test_a_user_changes_their_own_password(client, login):
    login("auditor")  # auditors too: it is their own account
    assert client.get("/account/password").status_code == 200
    wrong = client.post("/account/password", data={
        "current_password": "khong-dung-dau", "password": NEW, "confirm_password": NEW})
    assert wrong.status_code == 400 and "Mật khẩu hiện tại không đúng." in wrong.text
    mismatch = client.post("/account/password", data={
        "current_password": TEST_PASSWORD, "password": NEW, "confirm_password": NEW + "x"})
    assert "Hai lần nhập mật khẩu mới không khớp." in mismatch.text
    weak = client.post("/account/password", data={
        "current_password": TEST_PASSWORD, "password": "ngan", "confirm_password": "ngan"})
    assert "Mật khẩu phải có ít nhất 10 ký tự." in weak.text
    assert authenticate("auditor", TEST_PASSWORD) is get_user("auditor")
    done = client.post("/account/password", data={
        "current_password": TEST_PASSWORD, "password": NEW, "confirm_password": NEW})
    assert done.status_code == 302
    assert authenticate("auditor", NEW) is not None and authenticate("auditor", TEST_PASSWORD) is None


def test_an_admin_reset_prints_a_one_time_password_and_forces_a_change(client, login):
    login("admin")
    page = client.post("/admin/users/editor/password", data={"password": ""})
    assert page.status_code == 200
    one_time = re.search(r'<code id="one-time-password" class="token">([^<]+)</code>',
                         page.text).group(1)
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", one_time)
    assert get_user("editor").must_change_password is True
    assert client.get("/admin/users/editor").text.count(one_time) == 0  # shown once
    client.post("/logout")

    login("editor", one_time)
    for path in ("/", "/library/", "/planning/"):
        forced = client.get(path)
        assert forced.status_code == 302
        assert forced.headers["Location"].startswith("/account/password?next=")
    form = client.get("/account/password")
    assert form.status_code == 200 and 'id="forced"' in form.text
    changed = client.post("/account/password?next=/library/", data={
        "current_password": one_time, "password": NEW, "confirm_password": NEW})
    assert changed.status_code == 302 and changed.headers["Location"] == "/library/"
    assert get_user("editor").must_change_password is False
    assert client.get("/").status_code == 200


def test_a_password_the_admin_chose_must_be_changed_too(client, login):
    login("admin")
    assert client.post("/admin/users/auditor/password",
                       data={"password": "chosen-by-admin-1"}).status_code == 302
    client.post("/logout")
    login("auditor", "chosen-by-admin-1")
    assert client.get("/archive/").headers["Location"].startswith("/account/password")


def test_radio_user_passwd_and_list(runner):
    one_time = runner.invoke(args=["user", "passwd", "operator", "--one-time"])
    assert one_time.exit_code == 0, one_time.output
    password = one_time.stdout.strip()
    assert authenticate("operator", password) is get_user("operator")
    assert get_user("operator").must_change_password is True
    assert "chỉ hiện một lần" in one_time.stderr

    listed = runner.invoke(args=["user", "list"])
    assert listed.exit_code == 0
    line = next(x for x in listed.output.splitlines() if x.startswith("operator "))
    assert "phải đổi mật khẩu" in line
    rows = json.loads(runner.invoke(args=["user", "list", "--json"]).output)
    assert {r["username"] for r in rows} == {"admin", "editor", "operator", "auditor",
                                                "approver"}  # the demo's

    typed = runner.invoke(args=["user", "passwd", "operator", "--password-stdin"],
                          input=NEW + "\n")
    assert typed.exit_code == 0 and "Đã đổi mật khẩu của operator." in typed.output
    assert authenticate("operator", NEW) is get_user("operator")
    assert get_user("operator").must_change_password is False
    weak = runner.invoke(args=["user", "passwd", "operator", "--password-stdin"], input="ngan\n")
    assert weak.exit_code == 1 and "Mật khẩu phải có ít nhất 10 ký tự." in weak.output
    missing = runner.invoke(args=["user", "passwd", "khong-co", "--one-time"])
    assert missing.exit_code == 1 and "Không có tài khoản “khong-co”." in missing.output


def test_token_rotation_asks_first_and_changes_nothing_until_confirmed(client, login):
    login("admin")
    before = db.session.get(Station, get_station_id("gio-an")).token_hash
    asked = client.post("/admin/stations/gio-an/token")
    assert asked.status_code == 200 and 'id="confirm"' in asked.text
    assert 'name="confirm" value="1"' in asked.text
    db.session.expire_all()
    assert db.session.get(Station, get_station_id("gio-an")).token_hash == before
    api = client.post("/admin/users/editor/token")
    assert "Cấp mã API mới cho editor?" in api.text and 'class="token"' not in api.text
    assert get_user("editor").api_token_hash is None


def get_station_id(code: str) -> int:
    from radio.stations import get_station

    return get_station(code).id
