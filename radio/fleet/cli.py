"""`radio station command CODE KIND [VALUE]` and `radio station command-list CODE`: remote
commands from a shell (the writes go through radio/fleet/commands.py, audited as system)."""

from __future__ import annotations

import json

import click

from radio import clock
from radio.cli import domain_command
from radio.clusters.queries import get_cluster
from radio.db import db
from radio.fleet import command_util
from radio.fleet import commands as ops
from radio.i18n import _
from radio.stations import get_station

KINDS = ["volume", "stop", "play", "resync", "restart"]


def _dmy(at, tz) -> str:
    return at.astimezone(tz).strftime("%d/%m/%Y %H:%M:%S") if at else "-"


@click.command("command")
@click.argument("code")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("value", required=False, default="")
@click.option("--cluster", "cluster_code", default=None, help="Chỉ gửi tới cụm loa này.")
@click.option("--json", "as_json", is_flag=True)
@domain_command(writes=True)
def station_command(code, kind, value, cluster_code, as_json):
    """Send a remote command to a station's agent (or one of its clusters)."""
    station = get_station(code)
    cluster = get_cluster(cluster_code) if cluster_code else None
    rows = ops.send_command(None, station=station, cluster=cluster, kind=kind, value=value,
                            now=clock.now())
    db.session.commit()
    tz = clock.zone(station.timezone)
    if as_json:
        click.echo(json.dumps(command_util.as_dicts(rows, tz, full=True), ensure_ascii=False,
                              indent=1))
        return
    for cmd in rows:
        click.echo(_("Đã gửi lệnh %(kind)s (số %(id)s) tới %(station)s; hết hạn lúc %(at)s.",
                     kind=cmd.kind.value, id=cmd.id, station=station.name,
                     at=_dmy(cmd.expires_at, tz)))


@click.command("command-list")
@click.argument("code")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@domain_command
def command_list(code, limit, as_json):
    """The station's remote commands, newest first, with their acknowledgements."""
    station = get_station(code)
    rows = command_util.history(station, limit)
    tz = clock.zone(station.timezone)
    if as_json:
        click.echo(json.dumps(command_util.as_dicts(rows, tz, full=True), ensure_ascii=False,
                              indent=1))
        return
    for c in rows:
        click.echo(f"{c.id:>5} {c.kind.value:<8} {c.value:<6} {c.status.value:<10} "
                   f"{_dmy(c.created_at, tz)}  {_dmy(c.delivered_at, tz)}  "
                   f"{_dmy(c.finished_at, tz)}  {c.note}")
