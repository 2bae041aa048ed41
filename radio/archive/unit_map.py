"""Which administrative unit each station served on each day of a period, and today's unit each
of those became. Reads only.

A station's unit on a day is its StationUnit term covering that day; a station with no term that
day is shown under its own name, as before units existed. Today's unit of a unit follows
UnitLineage successors transitively (lines effective on or before the target day); when a unit
was split (several successors), its figures go to the successor of a whole merge or a rename
first, then to the lowest code, and the mapping table says so.

Station terms are read in bulk by radio/units/queries.py (terms_by_station, unit_of_terms);
the lineage here is read once for the whole period and resolved in memory, with its own rule for
splits, rather than walked per unit as radio/units/lineage.py does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from radio.archive.periods import Period
from radio.db import db
from radio.models import AdminUnit, Station, StationUnit, UnitLineage
from radio.units.queries import unit_of_terms

KIND_ORDER = {"merge": 0, "rename": 1, "partial": 2}


@dataclass(frozen=True)
class Label:
    """What a reader sees of a unit, the same across editions that did not change it: code,
    name and type. A station without a unit is labelled by its own code and name."""

    code: str
    name: str
    unit_type: str = ""
    level: str = ""
    station: bool = False  # a station shown under its own name (no unit that day)

    @property
    def key(self) -> str:
        return f"station:{self.code}" if self.station else f"{self.code}:{self.name}"


def label_of(unit: AdminUnit) -> Label:
    return Label(unit.code, unit.name, unit.unit_type or "", unit.level or "")


def station_label(station: Station) -> Label:
    return Label(station.code, station.name, station=True)


@dataclass
class Segment:
    """Days of the period in which every station keeps the same unit."""

    start: date
    end: date
    # station id → its unit that day (None: no term, shown under the station's name)
    units: dict[int, AdminUnit | None] = field(default_factory=dict)


@dataclass
class Resolution:
    """Today's unit of a unit, and the lineage lines followed to reach it."""

    unit: AdminUnit
    path: list[UnitLineage] = field(default_factory=list)
    split: bool = False  # some line on the path had other successors too


def segments(period: Period, stations: list[Station],
             terms: dict[int, list[StationUnit]]) -> list[Segment]:
    """Split the period where any station's term begins or ends (in a single pass over the
    change days, not over every day)."""
    cuts = {period.start}
    for station in stations:
        for term in terms.get(station.id, []):
            for day in (term.valid_from, term.valid_to and term.valid_to + timedelta(days=1)):
                if day is not None and period.start < day <= period.end:
                    cuts.add(day)
    starts = sorted(cuts)
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - timedelta(days=1) if i + 1 < len(starts) else period.end
        out.append(Segment(start, end, {s.id: unit_of_terms(terms.get(s.id, []), start)
                                        for s in stations if _exists(s, start, end)}))
    return out


def _exists(station: Station, start: date, end: date) -> bool:
    return station.valid_from <= end and (station.valid_to is None or station.valid_to >= start)


class Lineage:
    """All lineage lines, read once, followed forward to a target day."""

    def __init__(self) -> None:
        self.rows = list(db.session.scalars(
            select(UnitLineage).options(selectinload(UnitLineage.predecessor),
                                        selectinload(UnitLineage.successor))
            .order_by(UnitLineage.effective_on, UnitLineage.id)))
        self.forward: dict[int, list[UnitLineage]] = {}
        for row in self.rows:
            self.forward.setdefault(row.predecessor_id, []).append(row)

    def resolve(self, unit: AdminUnit, target: date) -> Resolution:
        res = Resolution(unit)
        seen = {unit.id}
        while True:
            nxt = [r for r in self.forward.get(res.unit.id, []) if r.effective_on <= target]
            if not nxt:
                return res
            nxt.sort(key=lambda r: (KIND_ORDER.get(r.kind, 9), r.successor.code, r.id))
            line = nxt[0]
            if line.successor_id in seen:  # a cycle in bad data: stop where we are
                return res
            seen.add(line.successor_id)
            res.split = res.split or len({r.successor_id for r in nxt}) > 1
            res.path.append(line)
            res.unit = line.successor

    def changes_within(self, period: Period, unit_ids: set[int]) -> list[UnitLineage]:
        """Lines that took effect inside the period (after its first day) for these units."""
        return [r for r in self.rows if period.start < r.effective_on <= period.end
                and (r.predecessor_id in unit_ids or r.successor_id in unit_ids)]
