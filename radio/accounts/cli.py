"""`radio user add | list | passwd | scope`: accounts from the command line."""

from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup

from radio import clock
from radio.accounts import operations as accounts
from radio.accounts import scope as account_scope
from radio.accounts import util
from radio.cli import domain_command
from radio.db import db
from radio.errors import DomainError

user_cli = AppGroup("user", help="Tài khoản người dùng.")


@user_cli.command("add")
@click.argument("username")
@click.option("--role", required=True, help="admin | editor | operator | auditor")
@click.option("--station", "station_codes", multiple=True, help="Mã đài (cho người vận hành).")
@click.option("--name", "full_name", default="", help="Họ tên.")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ đầu vào chuẩn.")
@domain_command
def user_add(username, role, station_codes, full_name, password_stdin):
    """Add a user; the password comes from a prompt or standard input."""
    accounts.parse_role(role)  # a bad role fails before asking for a password
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True)
    codes = [c for part in station_codes for c in part.split(",") if c]
    user = accounts.create_user(None, username=username, password=password, role=role,
                                station_codes=codes, full_name=full_name)
    db.session.commit()
    click.echo(f"Đã tạo tài khoản {user.username} ({user.role.value}).")


@user_cli.command("list")
@click.option("--json", "as_json", is_flag=True)
def user_list(as_json):
    """List accounts: role, state, stations, last sign-in."""
    rows = util.list_users()
    if as_json:
        click.echo(json.dumps([
            {"username": u.username, "full_name": u.full_name, "role": u.role.value,
             "active": u.active, "must_change_password": u.must_change_password,
             "stations": [s.code for s in u.stations],
             "unit": account_scope.unit_snapshot(u.unit),
             "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None}
            for u in rows], ensure_ascii=False, indent=1))
        return
    for u in rows:
        state = "đang dùng" if u.active else "đã khóa"
        if u.must_change_password:
            state += ", phải đổi mật khẩu"
        seen = u.last_login_at.astimezone(clock.zone()).strftime("%d/%m/%Y %H:%M") \
            if u.last_login_at else "chưa đăng nhập"
        codes = ",".join(s.code for s in u.stations) or "-"
        click.echo(f"{u.username:<16} {u.role.value:<9} {state:<28} {seen:<16} {codes} "
                   f"{u.full_name}".rstrip())


@user_cli.command("passwd")
@click.argument("username")
@click.option("--one-time", is_flag=True,
              help="Tạo mật khẩu dùng một lần; người dùng phải đổi khi đăng nhập.")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ đầu vào chuẩn.")
@domain_command
def user_passwd(username, one_time, password_stdin):
    """Set a user's password (prompt or stdin), or print a one-time password (--one-time)."""
    user = util.get_user(username)
    if one_time:
        password = accounts.reset_password(None, user)
        db.session.commit()
        click.echo(password)
        click.echo(f"Mật khẩu dùng một lần của {user.username}: chỉ hiện một lần; phải đổi "
                   "khi đăng nhập.", err=True)
        return
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Mật khẩu mới", hide_input=True, confirmation_prompt=True)
    accounts.set_password(None, user, password)
    db.session.commit()
    click.echo(f"Đã đổi mật khẩu của {user.username}.")


def _day(value: str | None):
    from datetime import date, datetime

    if not value:
        return None
    for parse in (date.fromisoformat, lambda v: datetime.strptime(v, "%d/%m/%Y").date()):
        try:
            return parse(value)
        except ValueError:
            continue
    raise DomainError(f"Ngày “{value}” không hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy).",
                      "invalid_date", field="on")


@user_cli.command("scope")
@click.argument("username")
@click.option("--unit", "unit_code", default=None,
              help="Mã đơn vị hành chính mà vai trò áp dụng (tỉnh hoặc xã).")
@click.option("--on", "on", default=None,
              help="Ngày của phiên bản danh mục (mặc định: hôm nay), vì một mã có thể chỉ "
                   "nhiều đơn vị qua các thời kỳ.")
@click.option("--clear", is_flag=True, help="Bỏ đơn vị: vai trò áp dụng cho toàn mạng lưới.")
@domain_command(writes=True)
def user_scope(username, unit_code, on, clear):
    """Set (or clear) the unit a user's role applies to; audited, the account's history stays."""
    if clear == bool(unit_code):
        raise DomainError("Cần đúng một trong hai: --unit MÃ hoặc --clear.", "invalid_scope")
    user = util.get_user(username)
    unit = None if clear else account_scope.unit_by_code(unit_code, _day(on))
    account_scope.set_unit(None, user, unit)
    db.session.commit()
    if unit is None:
        click.echo(f"{user.username}: phạm vi toàn mạng lưới.")
    else:
        click.echo(f"{user.username}: phạm vi {unit.name} ({unit.code}, phiên bản "
                   f"{unit.valid_from:%d/%m/%Y}).")
