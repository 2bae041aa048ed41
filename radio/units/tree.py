"""What the network pages read beyond queries.py and lineage.py: the unit hierarchy on a day,
with the stations that serve each unit and their loudspeaker clusters and counts; the clusters
covering a unit; the ids of a unit's subtree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select

from radio.db import db
from radio.models import AdminUnit, Cluster, Station, UnitLevel
from radio.units import queries
from radio.units.queries import LEVEL_ORDER


def _on(model, day: date):
    return (model.valid_from <= day) & or_(model.valid_to.is_(None), model.valid_to >= day)


def clusters_on(day: date, station_ids: Iterable[int] | None = None) -> list[Cluster]:
    query = select(Cluster).where(_on(Cluster, day)).order_by(Cluster.code)
    if station_ids is not None:
        query = query.where(Cluster.station_id.in_(list(station_ids)))
    return list(db.session.scalars(query))


# -- the hierarchy ----------------------------------------------------------------------------

@dataclass
class StationNode:
    station: Station
    clusters: list[Cluster] = field(default_factory=list)

    @property
    def speakers(self) -> int:
        return sum(c.speakers or 0 for c in self.clusters)


@dataclass
class UnitNode:
    unit: AdminUnit | None  # None: the stations that serve no unit that day
    children: list[UnitNode] = field(default_factory=list)
    stations: list[StationNode] = field(default_factory=list)
    n_stations: int = 0
    n_clusters: int = 0
    n_speakers: int = 0
    n_units: int = 0  # units below this one that the network reaches

    def count(self) -> UnitNode:
        for child in self.children:
            child.count()
        self.n_stations = len(self.stations) + sum(c.n_stations for c in self.children)
        self.n_clusters = (sum(len(s.clusters) for s in self.stations)
                           + sum(c.n_clusters for c in self.children))
        self.n_speakers = (sum(s.speakers for s in self.stations)
                           + sum(c.n_speakers for c in self.children))
        self.n_units = len(self.children) + sum(c.n_units for c in self.children)
        return self


@dataclass
class Hierarchy:
    day: date
    roots: list[UnitNode]
    unplaced: UnitNode  # unit None

    @property
    def totals(self) -> dict[str, int]:
        nodes = [*self.roots, self.unplaced]
        return {"stations": sum(n.n_stations for n in nodes),
                "clusters": sum(n.n_clusters for n in nodes),
                "speakers": sum(n.n_speakers for n in nodes),
                "communes": sum(_count_level(n, UnitLevel.commune.value) for n in self.roots),
                "provinces": sum(n.unit.level == UnitLevel.province.value for n in self.roots)}


def _count_level(node: UnitNode, level: str) -> int:
    own = 1 if node.unit is not None and node.unit.level == level else 0
    return own + sum(_count_level(c, level) for c in node.children)


def name_order(unit: AdminUnit) -> tuple:
    """How the pages order units: level, then name."""
    return (LEVEL_ORDER.get(unit.level, 9), unit.name)


def hierarchy(day: date, visible: Callable[[Station], bool] | None = None) -> Hierarchy:
    """Province → (district →) commune → stations → clusters on `day`, keeping only the units the
    network reaches (a station serves them or a unit below them). Stations that exist that day and
    serve no unit are gathered in `unplaced`. `visible` filters the stations (a principal's scope)."""
    stations = [s for s in db.session.scalars(select(Station).order_by(Station.name))
                if s.exists_on(day) and (visible is None or visible(s))]
    terms = queries.terms_by_station_on(day)
    by_station: dict[int, list[Cluster]] = defaultdict(list)
    for c in clusters_on(day, [s.id for s in stations]):
        by_station[c.station_id].append(c)
    nodes: dict[int, UnitNode] = {}
    unplaced = UnitNode(None)

    def node_for(unit: AdminUnit) -> UnitNode:
        if unit.id not in nodes:
            nodes[unit.id] = UnitNode(unit)
        return nodes[unit.id]

    for s in stations:
        term = terms.get(s.id)
        target = node_for(term.unit) if term is not None else unplaced
        target.stations.append(StationNode(s, by_station.get(s.id, [])))
    # Walk up to the roots: each unit hangs under its parent edition.
    roots: list[UnitNode] = []
    pending = list(nodes.values())
    attached: set[int] = set()
    while pending:
        node = pending.pop()
        if node.unit.id in attached:
            continue
        attached.add(node.unit.id)
        parent = node.unit.parent
        if parent is None or parent.id == node.unit.id:
            roots.append(node)
            continue
        fresh = parent.id not in nodes
        parent_node = node_for(parent)
        parent_node.children.append(node)
        if fresh:
            pending.append(parent_node)
    for node in [*nodes.values(), unplaced]:
        node.children.sort(key=lambda n: name_order(n.unit))
        node.stations.sort(key=lambda s: s.station.name)
    roots.sort(key=lambda n: name_order(n.unit))
    for root in roots:
        root.count()
    unplaced.count()
    return Hierarchy(day, roots, unplaced)


# -- what the network pages add to queries.py and lineage.py ----------------------------------

def clusters_covering(unit: AdminUnit) -> list[Cluster]:
    return list(db.session.scalars(select(Cluster).where(Cluster.unit_id == unit.id)
                                   .order_by(Cluster.valid_from, Cluster.code)))


def subtree_ids(unit: AdminUnit, day: date | None = None) -> set[int]:
    """The unit and every unit below it (those existing on `day` when given)."""
    out = {unit.id}
    frontier = [unit.id]
    while frontier:
        query = select(AdminUnit).where(AdminUnit.parent_id.in_(frontier))
        if day is not None:
            query = query.where(_on(AdminUnit, day))
        rows = [u.id for u in db.session.scalars(query) if u.id not in out]
        out.update(rows)
        frontier = rows
    return out
