"""Writes of clusters: add, update and end one; each is audited, flushes and never commits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from radio import audit, clock
from radio.clusters import validation as check
from radio.db import db
from radio.errors import Conflict, DomainError
from radio.i18n import _
from radio.models import AdminUnit, Cluster, Station, User
from radio.stations import get_station

FIELDS = ["code", "name", "covers", "technology", "latitude", "longitude", "speakers",
          "valid_from", "valid_to", "unit_id", "former_station_id"]
UNSET = ...


def _snapshot(cluster: Cluster) -> dict:
    return audit.snapshot(cluster, FIELDS) | {"station": cluster.station.code}


def _station(station: Station | str) -> Station:
    if isinstance(station, Station):
        return station
    if not (station or "").strip():
        raise DomainError(_("Hãy chọn đài/trạm của cụm loa."), "no_station", field="station")
    return get_station(station.strip())


def add_cluster(actor: User | None, *, station: Station | str, code: str, name: str,
                covers: str = "", technology: str = "wired", latitude=None, longitude=None,
                speakers=0, valid_from: date | None = None, unit: AdminUnit | None = None,
                former_station: Station | None = None) -> Cluster:
    """A new cluster of a station, from `valid_from` (default today, or the station's first
    day if it opens later)."""
    station = _station(station)
    code = check.check_code(code)
    name = check.check_name(name)
    covers = check.check_covers(covers)
    technology = check.check_technology(technology)
    lat, lon = check.check_location(latitude, longitude)
    speakers = check.check_speakers(speakers)
    valid_from = valid_from or max(clock.today(), station.valid_from)
    check.check_dates(station, valid_from)
    if db.session.scalar(select(Cluster.id).where(Cluster.code == code)):
        raise Conflict(_("Mã cụm loa “%(code)s” đã tồn tại.", code=code), "duplicate_cluster",
                       field="code")
    cluster = Cluster(station_id=station.id, station=station, code=code, name=name,
                      covers=covers, technology=technology, latitude=lat, longitude=lon,
                      speakers=speakers, valid_from=valid_from,
                      unit_id=unit.id if unit is not None else None,
                      former_station_id=former_station.id if former_station is not None else None)
    db.session.add(cluster)
    db.session.flush()
    audit.record(actor, "cluster.create", "cluster", cluster.code, after=_snapshot(cluster),
                 summary=f"{cluster.name} ({station.name})")
    return cluster


def update_cluster(actor: User | None, cluster: Cluster, *, name: str | None = None,
                   covers: str | None = None, technology: str | None = None,
                   latitude=UNSET, longitude=UNSET, speakers=None) -> Cluster:
    """Change what a cluster is; its code, station and dates stay (end it and add another to
    move loudspeakers to another station). Audited only when something changed."""
    before = _snapshot(cluster)
    if name is not None:
        cluster.name = check.check_name(name)
    if covers is not None:
        cluster.covers = check.check_covers(covers)
    if technology is not None:
        cluster.technology = check.check_technology(technology)
    if latitude is not UNSET or longitude is not UNSET:
        lat = cluster.latitude if latitude is UNSET else latitude
        lon = cluster.longitude if longitude is UNSET else longitude
        cluster.latitude, cluster.longitude = check.check_location(lat, lon)
    if speakers is not None:
        cluster.speakers = check.check_speakers(speakers)
    db.session.flush()
    after = _snapshot(cluster)
    if after != before:
        audit.record(actor, "cluster.update", "cluster", cluster.code, before=before,
                     after=after, summary=cluster.name)
    return cluster


def end_cluster(actor: User | None, cluster: Cluster, on: date) -> Cluster:
    """The cluster's last day is `on` (its loudspeakers were removed or moved); entries already
    made for it stay as they were."""
    if cluster.valid_to is not None:
        raise Conflict(_("Cụm loa “%(name)s” đã ngừng hoạt động từ ngày %(d)s.",
                         name=cluster.name, d=f"{cluster.valid_to:%d/%m/%Y}"),
                       "cluster_ended", field="valid_to")
    if on < cluster.valid_from:
        raise DomainError(_("Ngày cuối cùng hoạt động phải sau ngày bắt đầu (%(d)s).",
                            d=f"{cluster.valid_from:%d/%m/%Y}"), "invalid_dates",
                          field="valid_to")
    before = _snapshot(cluster)
    cluster.valid_to = on
    db.session.flush()
    audit.record(actor, "cluster.end", "cluster", cluster.code, before=before,
                 after=_snapshot(cluster),
                 summary=_("%(name)s ngừng hoạt động sau ngày %(d)s", name=cluster.name,
                           d=f"{on:%d/%m/%Y}"))
    return cluster
