"""`radio user add`: create an account from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from radio.accounts import operations as accounts
from radio.cli import domain_command
from radio.db import db

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
