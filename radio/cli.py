"""The CLI root: core commands (init, station, topic, agency); features and other layers add theirs."""

from __future__ import annotations

import functools
import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from radio import demo, migrate, reference, stations
from radio.accounts import operations as accounts
from radio.db import db, expect_writes
from radio.errors import DomainError
from radio.models import Role, User
from radio.security import generate_password


def settings():
    return current_app.config["RADIO_SETTINGS"]


def fail(message: str) -> None:
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(1)


def domain_command(f=None, *, writes: bool = False):
    """Run a command body; a DomainError rolls back, prints its message and exits with 1.

    `@domain_command(writes=True)` is for a short command that reads and then writes: its
    transactions take SQLite's write lock at BEGIN (expect_writes), so against a live server it
    waits for the server's write to end instead of failing at once with "database is locked".
    A long command (an export) keeps the deferred BEGIN, so it never holds the lock for long.
    """
    if f is None:
        return functools.partial(domain_command, writes=writes)

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        if writes:
            expect_writes(True)
        try:
            return f(*args, **kwargs)
        except DomainError as exc:
            db.session.rollback()
            fail(str(exc))
        finally:
            if writes:
                expect_writes(False)

    return wrapper


def demo_layers(app) -> dict:
    """The demo step of each layer above radio, by name (the order: radio.demo.STORY)."""
    return app.extensions.setdefault("radio.demo_layers", {})


@click.command("init")
@click.option("--demo", "with_demo", is_flag=True,
              help="Nạp dữ liệu mẫu: mạng lưới Gio Linh 2022, sắp xếp 2025, lịch sử phát.")
@click.option("--demo-2022", "only_2022", is_flag=True,
              help="Với --demo: chỉ mạng lưới năm 2022, không sắp xếp đơn vị hành chính 2025.")
@domain_command
def init_command(with_demo: bool, only_2022: bool) -> None:
    """Create or upgrade the database; optionally load the Gio Linh demo."""
    engine = db.engine
    before = migrate.current_revision(engine)
    migrate.upgrade(engine)
    after = migrate.current_revision(engine)
    if before != after:
        click.echo(f"Đã nâng cấp cơ sở dữ liệu: {before or 'trống'} → {after}.")
    else:
        click.echo(f"Cơ sở dữ liệu đã ở phiên bản mới nhất ({after}).")
    if with_demo:
        report = demo.run_demo(demo_layers(current_app), reorganise=not only_2022)
        db.session.commit()
        for line in report.lines:
            click.echo(line)
        if not report.created:
            click.echo("Dữ liệu mẫu đã có sẵn, không thay đổi gì.")
        return
    if db.session.scalar(select(User.id).where(User.role == Role.admin)) is None:
        password = settings().admin_password or generate_password()
        accounts.create_user(None, username="admin", password=password, role="admin",
                          full_name="Quản trị hệ thống")
        db.session.commit()
        shown = "(RADIO_ADMIN_PASSWORD)" if settings().admin_password else password
        click.echo(f"Đã tạo tài khoản quản trị admin, mật khẩu: {shown}")


station_cli = AppGroup("station", help="Đài và trạm truyền thanh.")


@station_cli.command("list")
@click.option("--on", "on", default=None, help="Chỉ các đài hoạt động vào ngày này (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True)
@domain_command
def station_list(on, as_json):
    """List stations with their level, the unit served and their clusters on a day."""
    from radio.units.cli import parse_day
    from radio.units.station_units import station_rows

    day = parse_day(on) if on else None
    rows = stations.list_stations(on=day)
    data = station_rows(rows, day)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for s, r in zip(rows, data, strict=True):
        unit = f"{r['unit_code']} {r['unit_name']}" if r["unit_code"] else "-"
        click.echo(f"{s.code:<16} {s.kind.value:<9} {stations.windows_text(s):<18} "
                   f"{unit:<22} {r['clusters']:>2} cụm  {s.name}")


@station_cli.command("add")
@click.argument("code")
@click.option("--name", required=True)
@click.option("--kind", default="commune", help="province | district | commune")
@click.option("--windows", default="05:30+60,17:00+60", help="Khung giờ, ví dụ 05:30+60,17:00+60")
@domain_command(writes=True)
def station_add(code, name, kind, windows):
    """Add a station."""
    station = stations.create_station(None, code=code, name=name, kind=kind,
                                      windows=stations.parse_windows(windows))
    db.session.commit()
    click.echo(f"Đã tạo {station.name} ({station.code}).")


@station_cli.command("token")
@click.argument("code")
@domain_command(writes=True)
def station_token(code):
    """Print a new token for a station once; the old one stops working."""
    station = stations.get_station(code)
    token = stations.rotate_token(None, station)
    db.session.commit()
    click.echo(token)
    click.echo(f"Mã truy cập mới của {station.name}; mã cũ đã bị thu hồi. "
               "Mã này chỉ hiện một lần.", err=True)


def _slug_list(rows, as_json):
    if as_json:
        click.echo(json.dumps([{"slug": r.slug, "name": r.name} for r in rows],
                              ensure_ascii=False, indent=1))
    else:
        for r in rows:
            click.echo(f"{r.slug:<24} {r.name}")


@click.command("topic", help="Chủ đề CCHC.")
@click.argument("action", type=click.Choice(["list"]))
@click.option("--json", "as_json", is_flag=True)
def topic_cli(action, as_json):
    _slug_list(reference.list_topics(), as_json)


@click.command("agency", help="Cơ quan cung cấp tin.")
@click.argument("action", type=click.Choice(["list"]))
@click.option("--json", "as_json", is_flag=True)
def agency_cli(action, as_json):
    _slug_list(reference.list_agencies(), as_json)


def init_app(app) -> None:
    for command in (init_command, station_cli, topic_cli, agency_cli):
        app.cli.add_command(command)
    demo_layers(app)
