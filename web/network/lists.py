"""Station and cluster lists on a day, narrowed to a unit and everything below it
(?unit=CODE&on=2022-06-01); the cluster map reads the same selection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import render_template, request

from radio.models import AdminUnit, Cluster, Station
from radio.stations import list_stations
from radio.units import queries, tree
from web.access import READERS, allow
from web.network.common import can_see, labels, on_arg, unit_arg, unit_options


@dataclass
class Selection:
    day: date
    unit: AdminUnit | None
    stations: list[Station]
    terms: dict[int, object]  # station id -> its StationUnit that day
    clusters: list[Cluster]
    options: list
    station: str = ""  # ?station=CODE: the clusters of one station

    @property
    def args(self) -> dict:
        return ({"on": self.day.isoformat()} | ({"unit": self.unit.code} if self.unit else {})
                | ({"station": self.station} if self.station else {}))


def select_network() -> Selection:
    day = on_arg()
    unit = unit_arg(day)
    terms = queries.terms_by_station_on(day)
    stations = [s for s in list_stations(on=day) if can_see(s)]
    visible = {s.id for s in stations}
    ids = tree.subtree_ids(unit, day) if unit is not None else None
    if ids is not None:
        stations = [s for s in stations if s.id in terms and terms[s.id].unit_id in ids]
    clusters = tree.clusters_on(day)
    shown = {s.id for s in stations}
    clusters = [c for c in clusters if c.station_id in visible
                and (ids is None or c.station_id in shown or c.unit_id in ids)]
    code = (request.args.get("station") or "").strip()
    if code:
        clusters = [c for c in clusters if c.station.code == code]
    options = unit_options(tree.hierarchy(day, can_see))
    return Selection(day, unit, stations, terms, clusters, options, code)


@allow(READERS)
def stations():
    sel = select_network()
    per_station: dict[int, list[Cluster]] = {}
    for c in tree.clusters_on(sel.day, [s.id for s in sel.stations]):
        per_station.setdefault(c.station_id, []).append(c)
    return render_template("network/stations.html", sel=sel, per_station=per_station, **labels())


@allow(READERS)
def clusters():
    return render_template("network/clusters.html", sel=select_network(), **labels())
