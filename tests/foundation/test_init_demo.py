"""`radio init [--demo]` on a fresh database: generated passwords, and a second run that
changes nothing and says so."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, func, inspect, select, table, text
from werkzeug.security import check_password_hash

from radio.config import normalise_database_url
from tests.dbutil import drop_database, fresh_database_url
from tests.live import TEST_PASSWORD, LiveServer

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

PASSWORD_LINE = re.compile(r"Tài khoản (\w+)\s+vai trò (\w+)\s+mật khẩu: (\S+)")


@pytest.fixture
def fresh_cli(tmp_path):
    """The radio CLI against a new empty database, with RADIO_ADMIN_PASSWORD unset."""
    url = fresh_database_url(tmp_path, "fresh")
    server = LiveServer(tmp_path, url, {"RADIO_ADMIN_PASSWORD": ""})
    engine = create_engine(normalise_database_url(url))
    yield server, engine
    engine.dispose()
    drop_database(url)


def row_counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n != "alembic_version"]
        return {n: conn.scalar(select(func.count()).select_from(table(n))) for n in names}


def password_hashes(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT username, password_hash FROM users")).all())


def test_init_demo_twice_loads_once_with_generated_passwords_then_changes_nothing(fresh_cli):
    cli, engine = fresh_cli
    first = cli.cli("init", "--demo")
    assert "trống →" in first.stdout
    assert "Đã tạo 18 đài/trạm (huyện Gio Linh)." in first.stdout
    assert "Đã tạo 10 chủ đề và 7 cơ quan cung cấp tin." in first.stdout
    assert "5 đài mới, 20 cụm loa." in first.stdout  # the 2025 reorganisation (tests/demo)
    loaded = row_counts(engine)
    # The 18 stations of 2022, four communes and a province station from 1/7/2025; the five
    # accounts of 2022 (the approver among them) and three scoped to a unit of 2025.
    assert (loaded["stations"], loaded["users"], loaded["topics"], loaded["agencies"]) == (
        23, 8, 10, 7)
    assert loaded["broadcast_windows"] == 46

    # RADIO_ADMIN_PASSWORD is unset: each account gets its own generated password, shown once.
    shown = {m[1]: (m[2], m[3]) for m in PASSWORD_LINE.finditer(first.stdout)}
    assert {user: role for user, (role, _pw) in shown.items()} == {
        "admin": "admin", "editor": "editor", "operator": "operator", "auditor": "auditor",
        "province_auditor": "auditor", "commune_editor": "editor", "approver": "approver",
        "commune_approver": "approver"}
    passwords = [pw for _role, pw in shown.values()]
    assert len(set(passwords)) == 8
    assert TEST_PASSWORD not in passwords and all(len(pw) >= 10 for pw in passwords)
    hashes = password_hashes(engine)
    for username, (_role, password) in shown.items():
        assert password not in hashes[username]
        assert check_password_hash(hashes[username], password)

    second = cli.cli("init", "--demo")
    assert "Dữ liệu mẫu đã có sẵn, không thay đổi gì." in second.stdout, second.stdout
    assert "Đã tạo" not in second.stdout
    assert "mật khẩu" not in second.stdout
    assert row_counts(engine) == loaded


def test_plain_init_creates_one_admin_with_a_generated_password(fresh_cli):
    cli, engine = fresh_cli
    out = cli.cli("init").stdout
    match = re.search(r"Đã tạo tài khoản quản trị admin, mật khẩu: (\S+)", out)
    assert match, out
    assert check_password_hash(password_hashes(engine)["admin"], match[1])
    again = cli.cli("init").stdout
    assert "Cơ sở dữ liệu đã ở phiên bản mới nhất" in again and "mật khẩu" not in again
    assert row_counts(engine)["users"] == 1


def test_admin_password_from_the_environment_is_not_printed(tmp_path):
    url = fresh_database_url(tmp_path, "envpw")
    cli = LiveServer(tmp_path, url, {"RADIO_ADMIN_PASSWORD": "chosen-by-the-office"})
    try:
        out = cli.cli("init").stdout
        assert "chosen-by-the-office" not in out
        assert "Đã tạo tài khoản quản trị admin, mật khẩu: (RADIO_ADMIN_PASSWORD)" in out
    finally:
        drop_database(url)
