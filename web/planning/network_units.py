"""The network view's rows grouped by administrative unit on the shown day: a commune station
under its commune's parent (the province from 1/7/2025, the district before), a station that
serves a district or province under that unit itself, and the stations that serve no unit that
day last. Each group counts its stations and their clusters and loudspeakers of the day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from radio.clusters.queries import clusters_by_station
from radio.models import AdminUnit, UnitLevel
from radio.units.queries import LEVEL_ORDER, units_by_station_on


@dataclass
class UnitGroup:
    unit: AdminUnit | None  # None: the stations that serve no unit on the day
    rows: list = field(default_factory=list)  # web.planning.network.Row, in the given order
    n_clusters: int = 0
    n_speakers: int = 0

    @property
    def n_stations(self) -> int:
        return len(self.rows)

    @property
    def name(self) -> str:
        if self.unit is None:
            return ""
        return f"{self.unit.unit_type} {self.unit.name}".strip()


def group_unit(unit: AdminUnit) -> AdminUnit:
    """The unit a station serving `unit` is listed under: a commune's parent, else the unit."""
    if unit.level == UnitLevel.commune.value and unit.parent is not None:
        return unit.parent
    return unit


def group_rows(rows: list, day: date) -> list[UnitGroup]:
    """`rows` (each with a .station) grouped by unit on `day`; groups by level then name, the
    station serving the group's own unit first, the unplaced group last (left out when empty)."""
    units = units_by_station_on(day)
    clusters = clusters_by_station([r.station.id for r in rows], day)
    groups: dict[int, UnitGroup] = {}
    unplaced = UnitGroup(None)
    for row in rows:
        unit = units.get(row.station.id)
        if unit is None:
            group = unplaced
        else:
            key = group_unit(unit)
            group = groups.setdefault(key.id, UnitGroup(key))
        group.rows.append(row)
        own = clusters.get(row.station.id, [])
        group.n_clusters += len(own)
        group.n_speakers += sum(c.speakers or 0 for c in own)
    for group in groups.values():
        # the station that serves the group's own unit (the district station) leads
        group.rows.sort(key=lambda r: units[r.station.id].id != group.unit.id)
    ordered = sorted(groups.values(),
                     key=lambda g: (LEVEL_ORDER.get(g.unit.level, 9), g.unit.name, g.unit.code))
    return ordered + ([unplaced] if unplaced.rows else [])
