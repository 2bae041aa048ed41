"""Read helpers for the network pages: the unit hierarchy on a day, with the stations that serve
each unit and their loudspeaker clusters, and a unit's lineage walked both ways.

Private to the network pages for now (radio/units/queries.py is the units service's own reader;
the two may be folded together).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select

from radio.db import db
from radio.models import AdminUnit, Cluster, Station, StationUnit, UnitLevel, UnitLineage

LEVEL_ORDER = {UnitLevel.province.value: 0, UnitLevel.district.value: 1,
               UnitLevel.commune.value: 2}


def _on(model, day: date):
    return (model.valid_from <= day) & or_(model.valid_to.is_(None), model.valid_to >= day)


def units_on(day: date) -> list[AdminUnit]:
    return list(db.session.scalars(select(AdminUnit).where(_on(AdminUnit, day))
                                   .order_by(AdminUnit.code)))


def clusters_on(day: date, station_ids: Iterable[int] | None = None) -> list[Cluster]:
    query = select(Cluster).where(_on(Cluster, day)).order_by(Cluster.code)
    if station_ids is not None:
        query = query.where(Cluster.station_id.in_(list(station_ids)))
    return list(db.session.scalars(query))


def station_terms_on(day: date) -> dict[int, StationUnit]:
    """The unit term of each station that covers the day (the latest-starting if several)."""
    rows = db.session.scalars(select(StationUnit).where(_on(StationUnit, day))
                              .order_by(StationUnit.valid_from))
    return {t.station_id: t for t in rows}


def unit_of_station(station: Station, day: date) -> AdminUnit | None:
    terms = [t for t in station.unit_terms if t.covers(day)]
    return terms[-1].unit if terms else None


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


def _sort_key(unit: AdminUnit) -> tuple:
    return (LEVEL_ORDER.get(unit.level, 9), unit.name)


def hierarchy(day: date, visible: Callable[[Station], bool] | None = None) -> Hierarchy:
    """Province → (district →) commune → stations → clusters on `day`, keeping only the units the
    network reaches (a station serves them or a unit below them). Stations that exist that day and
    serve no unit are gathered in `unplaced`. `visible` filters the stations (a principal's scope)."""
    stations = [s for s in db.session.scalars(select(Station).order_by(Station.name))
                if s.exists_on(day) and (visible is None or visible(s))]
    terms = station_terms_on(day)
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
        node.children.sort(key=lambda n: _sort_key(n.unit))
        node.stations.sort(key=lambda s: s.station.name)
    roots.sort(key=lambda n: _sort_key(n.unit))
    for root in roots:
        root.count()
    unplaced.count()
    return Hierarchy(day, roots, unplaced)


# -- units and their lineage ------------------------------------------------------------------

def editions(code: str) -> list[AdminUnit]:
    return list(db.session.scalars(select(AdminUnit).where(AdminUnit.code == code)
                                   .order_by(AdminUnit.valid_from)))


def unit_edition(code: str, valid_from: date) -> AdminUnit | None:
    return db.session.scalar(select(AdminUnit).where(AdminUnit.code == code,
                                                     AdminUnit.valid_from == valid_from))


def unit_on(code: str, day: date) -> AdminUnit | None:
    """The edition of `code` in force on `day`; else the last one before it; else the first."""
    rows = editions(code)
    if not rows:
        return None
    current = [u for u in rows if u.exists_on(day)]
    if current:
        return current[-1]
    before = [u for u in rows if u.valid_from <= day]
    return before[-1] if before else rows[0]


def children_of(unit: AdminUnit) -> list[AdminUnit]:
    rows = db.session.scalars(select(AdminUnit).where(AdminUnit.parent_id == unit.id))
    return sorted(rows, key=_sort_key)


def station_terms_of(unit: AdminUnit) -> list[tuple[StationUnit, Station]]:
    """The stations that served the unit, each with its term, in the order they started."""
    rows = db.session.execute(select(StationUnit, Station).join(
        Station, Station.id == StationUnit.station_id).where(StationUnit.unit_id == unit.id)
        .order_by(StationUnit.valid_from, Station.name))
    return [(term, station) for term, station in rows]


def clusters_covering(unit: AdminUnit) -> list[Cluster]:
    return list(db.session.scalars(select(Cluster).where(Cluster.unit_id == unit.id)
                                   .order_by(Cluster.valid_from, Cluster.code)))


@dataclass(frozen=True)
class LineageStep:
    """One lineage row reached `depth` steps away from the unit the walk started at."""

    depth: int
    link: UnitLineage

    @property
    def kind(self) -> str:
        return self.link.kind

    @property
    def effective_on(self) -> date:
        return self.link.effective_on


def _walk(unit: AdminUnit, backwards: bool) -> list[LineageStep]:
    here, there = ((UnitLineage.successor_id, "predecessor_id") if backwards
                   else (UnitLineage.predecessor_id, "successor_id"))
    steps: list[LineageStep] = []
    seen = {unit.id}
    frontier, depth = [unit.id], 1
    while frontier:
        links = db.session.scalars(select(UnitLineage).where(here.in_(frontier))
                                   .order_by(UnitLineage.effective_on, UnitLineage.id)).all()
        frontier = []
        for link in links:
            steps.append(LineageStep(depth, link))
            other = getattr(link, there)
            if other not in seen:
                seen.add(other)
                frontier.append(other)
        depth += 1
    return steps


def predecessors(unit: AdminUnit) -> list[LineageStep]:
    """Every unit this one came from, transitively: nearest first."""
    return _walk(unit, backwards=True)


def successors(unit: AdminUnit) -> list[LineageStep]:
    """Every unit this one went into, transitively: nearest first."""
    return _walk(unit, backwards=False)


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
