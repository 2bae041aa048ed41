"""The rows every network factory writes, made directly with the models: an administrative unit
edition, a station's unit term, a lineage line. Each call flushes, so the row has its id.

`session` defaults to db.session; a factory seeding another database (a live server's before it
starts) passes its own. `source` says which factory wrote the row.
"""

from __future__ import annotations

from datetime import date

from radio.db import db
from radio.models import AdminUnit, Station, StationUnit, UnitLineage


def add_unit(code: str, name: str, *, level: str = "commune", unit_type: str = "Xã",
             valid_from: date, valid_to: date | None = None, parent: AdminUnit | None = None,
             source: str, session=None) -> AdminUnit:
    session = session or db.session
    unit = AdminUnit(code=code, name=name, level=level, unit_type=unit_type,
                     valid_from=valid_from, valid_to=valid_to,
                     parent_id=parent.id if parent else None, source=source)
    session.add(unit)
    session.flush()
    return unit


def add_term(station: Station, unit: AdminUnit, valid_from: date, valid_to: date | None = None,
             *, session=None) -> StationUnit:
    session = session or db.session
    term = StationUnit(station_id=station.id, unit_id=unit.id, valid_from=valid_from,
                       valid_to=valid_to)
    session.add(term)
    session.flush()
    session.expire(station, ["unit_terms"])
    return term


def add_lineage(pred: AdminUnit, succ: AdminUnit, on: date, kind: str = "merge", *,
                source: str, session=None) -> UnitLineage:
    session = session or db.session
    line = UnitLineage(predecessor_id=pred.id, successor_id=succ.id, effective_on=on, kind=kind,
                       source=source)
    session.add(line)
    session.flush()
    return line
