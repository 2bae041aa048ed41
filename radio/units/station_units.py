"""Stations and the units they serve: dated StationUnit terms, and the rows of `radio station list`.

radio/stations.py calls `attach_unit` when a station is created or changed with a unit; a
station serves one unit at a time, so a new term ends the open one the day before.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, or_, select

from radio import clock
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import AdminUnit, Cluster, Station, StationUnit
from radio.units import queries


def attach_unit(station: Station, unit: AdminUnit, valid_from: date) -> StationUnit:
    """From `valid_from` the station serves `unit`; the term open then ends the day before."""
    if not unit.exists_on(valid_from):
        raise DomainError(
            _("%(unit)s không tồn tại vào ngày %(d)s.", unit=unit.name, d=f"{valid_from:%d/%m/%Y}"),
            "unit_not_in_force", field="unit")
    for term in station.unit_terms:
        if term.valid_from >= valid_from:
            raise DomainError(_("Đài đã có đơn vị phục vụ từ ngày %(d)s.",
                                d=f"{term.valid_from:%d/%m/%Y}"), "invalid_dates", field="unit")
        if term.valid_to is None or term.valid_to >= valid_from:
            term.valid_to = valid_from - timedelta(days=1)
    term = StationUnit(unit_id=unit.id, valid_from=valid_from, valid_to=unit.valid_to)
    term.unit = unit
    station.unit_terms.append(term)
    db.session.flush()
    return term


def end_unit_term(station: Station, last_day: date) -> None:
    for term in station.unit_terms:
        if term.covers(last_day) and (term.valid_to is None or term.valid_to > last_day):
            term.valid_to = last_day


def unit_label(station: Station, day: date) -> str:
    units = queries.station_units_on(station, day)
    return ", ".join(f"{u.code} {u.name}" for u in units)


def station_rows(stations: list[Station], day: date | None) -> list[dict]:
    """The JSON rows of `radio station list`: the unit served and the clusters on `day` (today
    when None). Field names are a contract (tests/units/test_cli_json.py)."""
    from radio.stations import windows_text

    day = day or clock.today()
    units = queries.units_by_station_on(day)
    codes = dict(db.session.execute(select(Station.id, Station.code)).all())
    counts = dict(db.session.execute(
        select(Cluster.station_id, func.count(Cluster.id))
        .where(Cluster.valid_from <= day, or_(Cluster.valid_to.is_(None), Cluster.valid_to >= day))
        .group_by(Cluster.station_id)).all())
    out = []
    for s in stations:
        unit = units.get(s.id)
        out.append({
            "code": s.code, "name": s.name, "kind": s.kind.value, "level": s.kind.value,
            "unit_code": unit.code if unit else None, "unit_name": unit.name if unit else None,
            "valid_from": s.valid_from.isoformat(),
            "valid_to": s.valid_to.isoformat() if s.valid_to else None,
            "merged_into": codes.get(s.merged_into_id),
            "clusters": counts.get(s.id, 0),
            "windows": windows_text(s)})
    return out


def unit_snapshot(station: Station) -> dict:
    """The station's unit terms for its audit before/after."""
    return {"units": [f"{t.unit.code}@{t.unit.valid_from.isoformat()} "
                      f"{t.valid_from.isoformat()}..{t.valid_to.isoformat() if t.valid_to else ''}"
                      for t in station.unit_terms]} if station.unit_terms else {}
