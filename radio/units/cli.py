"""`radio unit import | list | merge`: the official list of administrative units and its changes."""

from __future__ import annotations

import json
import time
from datetime import date

import click
from flask.cli import AppGroup

from radio import clock
from radio.cli import domain_command, fail
from radio.db import db
from radio.units import lineage, merge, queries
from radio.units.importer import import_units

unit_cli = AppGroup("unit", help="Đơn vị hành chính: danh mục, lịch sử, sáp nhập.")


def parse_day(text: str | None, option: str = "--on") -> date:
    if not text:
        return clock.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} phải là ngày dạng YYYY-MM-DD, ví dụ 2025-07-01.")


@unit_cli.command("import")
@click.option("--province", default=None, help="Mã tỉnh (ví dụ 44); bỏ trống: cả nước.")
@domain_command(writes=True)
def unit_import(province):
    """Load the July 2025 official list (34 provinces, 3,321 communes); a re-run changes nothing."""
    started = time.monotonic()
    result = import_units(None, province=province)
    db.session.commit()
    click.echo(f"Danh mục đơn vị hành chính 01/07/2025: {result.created} tạo mới, "
               f"{result.unchanged} không đổi, {result.updated} cập nhật "
               f"({time.monotonic() - started:.1f} giây).")


def unit_rows(day: date, province: str | None) -> list[dict]:
    """The JSON rows of `radio unit list` (field names are a contract)."""
    units = queries.units_on(day, province=province)
    before, after = lineage.direct_index()
    parents = {u.id: u for u in units}
    missing = {u.parent_id for u in units if u.parent_id and u.parent_id not in parents}
    for pid in missing:
        parents[pid] = db.session.get(queries.AdminUnit, pid)
    return [{"code": u.code, "name": u.name, "level": u.level,
             "parent": parents[u.parent_id].code if u.parent_id else None,
             "valid_from": u.valid_from.isoformat(),
             "valid_to": u.valid_to.isoformat() if u.valid_to else None,
             "predecessors": before.get(u.id, []), "successors": after.get(u.id, [])}
            for u in units]


def _refs(refs: list[dict]) -> str:
    return ",".join(f"{r['code']}@{date.fromisoformat(r['valid_from']):%d/%m/%Y}"
                    for r in refs) or "-"


@unit_cli.command("list")
@click.option("--on", "on", default=None, help="Ngày (YYYY-MM-DD); mặc định hôm nay.")
@click.option("--province", default=None, help="Mã tỉnh: chỉ tỉnh đó và các đơn vị trực thuộc.")
@click.option("--json", "as_json", is_flag=True)
@domain_command
def unit_list(on, province, as_json):
    """List the units in force on a day, with parent, dates and lineage both ways."""
    rows = unit_rows(parse_day(on), province)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        to = date.fromisoformat(r["valid_to"]).strftime("%d/%m/%Y") if r["valid_to"] else "-"
        click.echo(f"{r['code']:<6} {r['level']:<9} {r['parent'] or '-':<6} "
                   f"{date.fromisoformat(r['valid_from']):%d/%m/%Y} {to:<10} {r['name']}"
                   f"  ← {_refs(r['predecessors'])}  → {_refs(r['successors'])}")


@unit_cli.command("merge")
@click.option("--into", "into", required=True, help="Mã đơn vị kế thừa.")
@click.option("--from", "sources", required=True, help="Mã các đơn vị được sáp nhập, cách nhau dấu phẩy.")
@click.option("--on", "on", required=True, help="Ngày đơn vị mới bắt đầu (YYYY-MM-DD).")
@click.option("--name", default=None, help="Tên đơn vị kế thừa khi cần tạo mới.")
@click.option("--source", default="", help="Căn cứ (nghị quyết, danh mục).")
@click.option("--dry-run", is_flag=True, help="Chỉ liệt kê những gì sẽ thay đổi, không ghi gì.")
@click.option("--json", "as_json", is_flag=True)
@domain_command(writes=True)
def unit_merge(into, sources, on, name, source, dry_run, as_json):
    """Merge units into a successor from a day: units, lineage, stations and clusters at once."""
    plan = merge.merge_units(None, into=into, sources=sources.split(","),
                             on=parse_day(on), dry_run=dry_run, name=name, source=source)
    if not dry_run:  # a dry run wrote nothing: there is nothing to commit or roll back
        db.session.commit()
    if as_json:
        click.echo(json.dumps(plan.as_dict(), ensure_ascii=False, indent=1))
        return
    for line in plan.lines():
        click.echo(line)
