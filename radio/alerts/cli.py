"""`radio alerts check|list|rule set`."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from radio import clock
from radio.alerts import jobs, operations, util
from radio.cli import domain_command
from radio.db import db
from radio.models import AlertKind

alerts_cli = AppGroup("alerts", help="Cảnh báo của các trạm: kiểm tra, danh sách, ngưỡng.")


@alerts_cli.command("check")
@click.option("--json", "as_json", is_flag=True)
@domain_command(writes=True)
def check_command(as_json):
    """Chạy các quy tắc cảnh báo một lần (như tác vụ định kỳ)."""
    counts = jobs.run_check(clock.now())
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False))
        return
    click.echo(f"Mới: {counts['opened']}, lặp lại: {counts['repeated']}, "
               f"nâng mức: {counts['escalated']}, đã đóng: {counts['closed']}, "
               f"đang mở: {counts['open']}; đã gửi: {counts['sent']}, lỗi gửi: {counts['failed']}")


@alerts_cli.command("list")
@click.option("--open", "open_only", is_flag=True, help="Chỉ cảnh báo đang mở.")
@click.option("--json", "as_json", is_flag=True)
def list_command(open_only, as_json):
    """Liệt kê cảnh báo."""
    rows = [util.alert_json(a) for a in util.list_alerts(open_only=open_only)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo("Không có cảnh báo.")
    for r in rows:
        state = "mở" if r["closed_at"] is None else "đóng"
        click.echo(f"#{r['id']} [{r['level']}, {state}] {r['opened_at'][:16]} {r['message']}")


@alerts_cli.group("rule")
def rule_group():
    """Ngưỡng cảnh báo theo đơn vị."""


@rule_group.command("set")
@click.argument("kind", type=click.Choice([k.value for k in AlertKind]))
@click.option("--threshold", type=float, required=True)
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị (bỏ trống: mặc định).")
@click.option("--escalate", type=int, default=None, help="Phút trước khi nâng mức (0: không).")
@domain_command(writes=True)
def rule_set(kind, threshold, unit_code, escalate):
    """Đặt ngưỡng một loại cảnh báo."""
    row = operations.set_rule(None, kind, threshold=threshold, unit_code=unit_code,
                              escalate_minutes=escalate, now=clock.now())
    db.session.commit()
    click.echo(f"Đã đặt {kind}: ngưỡng {row.threshold:g}, nâng mức sau "
               f"{row.escalate_minutes} phút ({unit_code or 'mặc định'}).")
