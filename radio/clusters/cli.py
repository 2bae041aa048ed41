"""`radio cluster list|add|update|end`: the loudspeaker clusters of the stations (the writes go
through radio/clusters/operations.py, audited)."""

from __future__ import annotations

import json
from datetime import date, datetime

import click
from flask.cli import AppGroup

from radio.cli import domain_command
from radio.clusters import operations, queries
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.stations import get_station

cluster_cli = AppGroup("cluster", help="Cụm loa của các đài/trạm.")


def _date(text: str | None, field: str = "valid_from") -> date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise DomainError(_("Ngày “%(d)s” không đúng dạng YYYY-MM-DD hoặc dd/mm/yyyy.", d=text),
                      "invalid_date", field=field)


def _dmy(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "…"


@cluster_cli.command("list")
@click.option("--station", "code", default=None, help="Chỉ các cụm loa của đài/trạm này.")
@click.option("--json", "as_json", is_flag=True)
@domain_command
def cluster_list(code, as_json):
    """List clusters: code, name, station, covers, technology, location, speakers, dates."""
    station = get_station(code) if code else None
    rows = queries.list_clusters(station=station)
    if as_json:
        click.echo(json.dumps([queries.cluster_dict(c) for c in rows], ensure_ascii=False,
                              indent=1))
        return
    for c in rows:
        where = (f"{c.latitude:.5f},{c.longitude:.5f}" if c.latitude is not None
                 and c.longitude is not None else "-")
        click.echo(f"{c.code:<24} {c.station.code:<16} {c.technology:<6} {c.speakers:>4} loa  "
                   f"{where:<20} {_dmy(c.valid_from)}–{_dmy(c.valid_to)}  {c.name}"
                   + (f" ({c.covers})" if c.covers else ""))


@cluster_cli.command("add")
@click.option("--station", "station_code", required=True, help="Mã đài/trạm có cụm loa này.")
@click.option("--code", required=True, help="Mã cụm loa, ví dụ gio-linh-gio-my.")
@click.option("--name", required=True, help="Tên cụm loa.")
@click.option("--covers", default="", help="Thôn, khu phố hoặc xã cũ mà cụm loa phủ sóng.")
@click.option("--technology", default="wired", help="ip | fm | wired")
@click.option("--lat", "latitude", default=None, help="Vĩ độ (độ thập phân).")
@click.option("--lon", "longitude", default=None, help="Kinh độ (độ thập phân).")
@click.option("--speakers", default="0", help="Số loa.")
@click.option("--from", "from_text", default=None,
              help="Hoạt động từ ngày (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định hôm nay).")
@click.option("--json", "as_json", is_flag=True)
@domain_command(writes=True)
def cluster_add(station_code, code, name, covers, technology, latitude, longitude, speakers,
                from_text, as_json):
    """Add a cluster to a station."""
    cluster = operations.add_cluster(None, station=station_code, code=code, name=name,
                                     covers=covers, technology=technology, latitude=latitude,
                                     longitude=longitude, speakers=speakers,
                                     valid_from=_date(from_text))
    db.session.commit()
    if as_json:
        click.echo(json.dumps(queries.cluster_dict(cluster), ensure_ascii=False, indent=1))
        return
    click.echo(_("Đã thêm cụm loa %(name)s (%(code)s) của %(station)s.", name=cluster.name,
                 code=cluster.code, station=cluster.station.name))


def _done(cluster, as_json: bool, message: str) -> None:
    db.session.commit()
    if as_json:
        click.echo(json.dumps(queries.cluster_dict(cluster), ensure_ascii=False, indent=1))
    else:
        click.echo(message)


@cluster_cli.command("update")
@click.argument("code")
@click.option("--name", default=None, help="Tên cụm loa mới.")
@click.option("--covers", default=None, help="Thôn, khu phố hoặc xã cũ mà cụm loa phủ sóng.")
@click.option("--technology", default=None, help="ip | fm | wired")
@click.option("--lat", "latitude", default=None, help="Vĩ độ (độ thập phân).")
@click.option("--lon", "longitude", default=None, help="Kinh độ (độ thập phân).")
@click.option("--speakers", default=None, help="Số loa.")
@click.option("--json", "as_json", is_flag=True)
@domain_command(writes=True)
def cluster_update(code, name, covers, technology, latitude, longitude, speakers, as_json):
    """Change a cluster's name, coverage, technology, location or speakers (audited)."""
    location = {k: v for k, v in (("latitude", latitude), ("longitude", longitude))
                if v is not None}
    cluster = operations.update_cluster(None, queries.get_cluster(code), name=name,
                                        covers=covers, technology=technology,
                                        speakers=speakers, **location)
    _done(cluster, as_json, _("Đã sửa cụm loa %(name)s (%(code)s).", name=cluster.name,
                              code=cluster.code))


@cluster_cli.command("end")
@click.argument("code")
@click.option("--on", "on_text", required=True,
              help="Ngày cuối cùng cụm loa hoạt động (YYYY-MM-DD hoặc dd/mm/yyyy).")
@click.option("--json", "as_json", is_flag=True)
@domain_command(writes=True)
def cluster_end(code, on_text, as_json):
    """End a cluster: `--on` is its last day (audited); entries already made stay."""
    cluster = operations.end_cluster(None, queries.get_cluster(code), _date(on_text, "on"))
    _done(cluster, as_json, _("Cụm loa %(name)s (%(code)s) ngừng hoạt động sau ngày %(d)s.",
                              name=cluster.name, code=cluster.code, d=_dmy(cluster.valid_to)))
