"""Reads of clusters: one by code, a station's clusters (on a day), many by codes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import Cluster, Station


def get_cluster(code: str) -> Cluster:
    cluster = db.session.scalar(select(Cluster).where(Cluster.code == (code or "").strip()))
    if cluster is None:
        raise NotFound(_("Không có cụm loa mã “%(code)s”.", code=code), "cluster_not_found",
                       field="clusters")
    return cluster


def list_clusters(*, station: Station | None = None, on: date | None = None,
                  station_ids: Iterable[int] | None = None) -> list[Cluster]:
    """Clusters by station then code; of one station (or several), optionally those existing
    on a day."""
    query = (select(Cluster).join(Station, Station.id == Cluster.station_id)
             .options(selectinload(Cluster.station))
             .order_by(Station.name, Cluster.code))
    if station is not None:
        query = query.where(Cluster.station_id == station.id)
    if station_ids is not None:
        query = query.where(Cluster.station_id.in_(list(station_ids)))
    rows = list(db.session.scalars(query))
    if on is not None:
        rows = [c for c in rows if c.exists_on(on)]
    return rows


def clusters_of_station(station: Station, day: date | None = None) -> list[Cluster]:
    """The clusters of a station, those existing on `day` when given."""
    return list_clusters(station=station, on=day)


def clusters_by_station(station_ids: Iterable[int], day: date | None = None
                        ) -> dict[int, list[Cluster]]:
    """The clusters of many stations at once (forms that list every station's clusters)."""
    out: dict[int, list[Cluster]] = {}
    for cluster in list_clusters(station_ids=station_ids, on=day):
        out.setdefault(cluster.station_id, []).append(cluster)
    return out


def open_clusters_by_station(stations, today: date) -> dict[int, list[Cluster]]:
    """The clusters an entry form offers per station: those not ended before `today`."""
    return {sid: [c for c in rows if c.valid_to is None or c.valid_to >= today]
            for sid, rows in clusters_by_station([s.id for s in stations]).items()}


def clusters_by_codes(codes: Iterable[str]) -> list[Cluster]:
    """Clusters in the order given, duplicates and blanks dropped; an unknown code is NotFound."""
    wanted: list[str] = []
    for code in codes:
        code = (code or "").strip()
        if code and code not in wanted:
            wanted.append(code)
    if not wanted:
        return []
    found = {c.code: c for c in db.session.scalars(
        select(Cluster).where(Cluster.code.in_(wanted)).options(selectinload(Cluster.station)))}
    for code in wanted:
        if code not in found:
            raise NotFound(_("Không có cụm loa mã “%(code)s”.", code=code), "cluster_not_found",
                           field="clusters")
    return [found[code] for code in wanted]


def cluster_dict(cluster: Cluster) -> dict:
    """The cluster as JSON (the CLI's --json)."""
    return {"code": cluster.code, "name": cluster.name, "station": cluster.station.code,
            "covers": cluster.covers, "technology": cluster.technology,
            "latitude": cluster.latitude, "longitude": cluster.longitude,
            "speakers": cluster.speakers, "valid_from": cluster.valid_from.isoformat(),
            "valid_to": cluster.valid_to.isoformat() if cluster.valid_to else None}
