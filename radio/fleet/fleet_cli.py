"""`radio fleet [--unit CODE] [--json]`: one record per station and cluster with its health and
open alerts (reads in radio/fleet/fleet_util.py)."""

from __future__ import annotations

import json
from datetime import datetime

import click
from flask.cli import with_appcontext

from radio import clock
from radio.cli import domain_command
from radio.fleet.fleet_util import fleet, public_record
from radio.i18n import _
from radio.numbers import number


def _gb(value: int | None) -> str:
    return "-" if value is None else f"{number(value / 1e9, 1)} GB"


def _cell(value, fmt: str = "{}") -> str:
    return "-" if value is None else fmt.format(value)


def _line(r: dict) -> list[str]:
    name = r["name"] if r["kind"] == "station" else f"  └ {r['name']}"
    cache = "-" if r["cache_ready"] is None else (_("sẵn sàng") if r["cache_ready"]
                                                  else _("thiếu %(n)s", n=len(r["cache_missing"])))
    offset = "-" if r["clock_offset_s"] is None else f"{number(r['clock_offset_s'], 1)} s"
    level = "-" if r["level_db"] is None else f"{number(r['level_db'], 1)} dB"
    return [r["code"], name, _("trực tuyến") if r["online"] else _("mất liên lạc"),
            clock_text(r["last_seen"]), cache, offset, _gb(r["free_disk_bytes"]), level,
            _cell(r["volume"]), r["now_playing"] or "-", str(len(r["alerts"]))]


def clock_text(iso: str | None) -> str:
    if not iso:
        return _("chưa từng")
    return datetime.fromisoformat(iso).astimezone(clock.zone()).strftime("%d/%m/%Y %H:%M")


def table(records: list[dict]) -> str:
    head = [_("Mã"), _("Tên"), _("Trạng thái"), _("Liên lạc cuối"), _("Bộ nhớ đệm"),
            _("Lệch giờ"), _("Đĩa trống"), _("Mức ra"), _("Âm lượng"), _("Đang phát"),
            _("Cảnh báo")]
    rows = [head] + [_line(r) for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
                     for row in rows)


@click.command("fleet")
@click.option("--unit", "unit", default=None, help="Chỉ các đài/trạm của đơn vị (mã đơn vị).")
@click.option("--json", "as_json", is_flag=True, help="In JSON.")
@with_appcontext
@domain_command
def fleet_command(unit, as_json):
    """Tình trạng các đài/trạm và cụm loa: liên lạc, bộ nhớ đệm, đồng hồ, đĩa, âm lượng, cảnh báo."""
    records = fleet(None, unit=unit, now=clock.now())
    if as_json:
        click.echo(json.dumps({"stations": [public_record(r) for r in records]},
                              ensure_ascii=False, indent=1))
    elif not records:
        click.echo(_("Không có đài/trạm nào."))
    else:
        click.echo(table(records))
