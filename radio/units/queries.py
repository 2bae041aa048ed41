"""Reads over administrative units: the units of a day, one unit by (code, day), children, and the
units a station serves. Lineage reads are in lineage.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import AdminUnit, Station, StationUnit, UnitLevel

LEVEL_ORDER = {UnitLevel.province.value: 0, UnitLevel.district.value: 1,
               UnitLevel.commune.value: 2}


def _on(column_from, column_to, day: date):
    return (column_from <= day) & or_(column_to.is_(None), column_to >= day)


def sort_key(unit: AdminUnit) -> tuple:
    return (LEVEL_ORDER.get(unit.level, 9), unit.code, unit.valid_from)


def units_on(day: date, *, province: str | None = None) -> list[AdminUnit]:
    """The units that exist on `day`, provinces first then by code; with `province` (a code),
    that province and every unit under it (districts and their communes in older editions)."""
    rows = db.session.scalars(
        select(AdminUnit).where(_on(AdminUnit.valid_from, AdminUnit.valid_to, day))).all()
    if province is not None:
        root = next((u for u in rows if u.code == province
                     and u.level == UnitLevel.province.value), None)
        if root is None:
            raise NotFound(_("Không có tỉnh mã “%(code)s” vào ngày %(d)s.", code=province,
                             d=f"{day:%d/%m/%Y}"), "province_not_found", field="province")
        children = defaultdict(list)
        for u in rows:
            children[u.parent_id].append(u)
        out, todo = [], [root]
        while todo:
            unit = todo.pop()
            out.append(unit)
            todo.extend(children.get(unit.id, []))
        rows = out
    return sorted(rows, key=sort_key)


def unit_on(code: str, day: date) -> AdminUnit | None:
    """The edition of `code` in force on `day` (a code alone is ambiguous across editions)."""
    return db.session.scalar(select(AdminUnit).where(
        AdminUnit.code == code, _on(AdminUnit.valid_from, AdminUnit.valid_to, day)))


def get_unit(code: str, day: date) -> AdminUnit:
    unit = unit_on(code, day)
    if unit is None:
        raise NotFound(_("Không có đơn vị hành chính mã “%(code)s” vào ngày %(d)s.", code=code,
                         d=f"{day:%d/%m/%Y}"), "unit_not_found", field="code")
    return unit


def edition(code: str, valid_from: date) -> AdminUnit | None:
    """The unit keyed by its code and edition date."""
    return db.session.scalar(select(AdminUnit).where(AdminUnit.code == code,
                                                     AdminUnit.valid_from == valid_from))


def editions(code: str) -> list[AdminUnit]:
    """Every edition of a code, oldest first."""
    return list(db.session.scalars(select(AdminUnit).where(AdminUnit.code == code)
                                   .order_by(AdminUnit.valid_from)))


def unit_nearest(code: str, day: date) -> AdminUnit | None:
    """The edition of `code` in force on `day`; else the last one before it; else the first
    (pages that follow a code to whatever edition is closest)."""
    rows = editions(code)
    if not rows:
        return None
    current = [u for u in rows if u.exists_on(day)]
    if current:
        return current[-1]
    before = [u for u in rows if u.valid_from <= day]
    return before[-1] if before else rows[0]


def children(unit: AdminUnit, *, on: date | None = None) -> list[AdminUnit]:
    """The units directly under `unit`, optionally those existing on a day."""
    query = select(AdminUnit).where(AdminUnit.parent_id == unit.id)
    if on is not None:
        query = query.where(_on(AdminUnit.valid_from, AdminUnit.valid_to, on))
    return sorted(db.session.scalars(query).all(), key=sort_key)


def station_units_on(station: Station, day: date) -> list[AdminUnit]:
    """The unit(s) a station serves on a day, from its StationUnit terms."""
    return sorted((t.unit for t in station.unit_terms if t.covers(day)), key=sort_key)


def station_term_on(station: Station, day: date) -> StationUnit | None:
    return next((t for t in station.unit_terms if t.covers(day)), None)


def stations_serving(unit: AdminUnit, day: date) -> list[Station]:
    """The stations that serve `unit` on `day` (normally one)."""
    return list(db.session.scalars(
        select(Station).join(StationUnit, StationUnit.station_id == Station.id)
        .where(StationUnit.unit_id == unit.id,
               _on(StationUnit.valid_from, StationUnit.valid_to, day))
        .order_by(Station.code)).all())


def station_terms_of(unit: AdminUnit) -> list[tuple[StationUnit, Station]]:
    """The stations that served `unit` over time, each with its term, in the order they
    started."""
    rows = db.session.execute(select(StationUnit, Station).join(
        Station, Station.id == StationUnit.station_id).where(StationUnit.unit_id == unit.id)
        .order_by(StationUnit.valid_from, Station.name))
    return [(term, station) for term, station in rows]


def terms_by_station_on(day: date) -> dict[int, StationUnit]:
    """station id → its unit term covering `day` (the latest-starting if several), in one
    query (for lists)."""
    rows = db.session.scalars(
        select(StationUnit).where(_on(StationUnit.valid_from, StationUnit.valid_to, day))
        .options(joinedload(StationUnit.unit)).order_by(StationUnit.valid_from))
    return {t.station_id: t for t in rows}


def units_by_station_on(day: date) -> dict[int, AdminUnit]:
    """station id → the unit it serves on `day`, in one query (for lists)."""
    return {station_id: term.unit for station_id, term in terms_by_station_on(day).items()}


def terms_by_station(station_ids: list[int]) -> dict[int, list[StationUnit]]:
    """station id → all its unit terms, oldest first, with their units, in one query (reads
    over a period that must not query per station)."""
    out: dict[int, list[StationUnit]] = {sid: [] for sid in station_ids}
    if not station_ids:
        return out
    for term in db.session.scalars(
            select(StationUnit).where(StationUnit.station_id.in_(station_ids))
            .options(selectinload(StationUnit.unit)).order_by(StationUnit.valid_from)):
        out[term.station_id].append(term)
    return out


def unit_of_terms(terms: list[StationUnit], day: date) -> AdminUnit | None:
    """The unit of the first of `terms` that covers `day` (terms already loaded)."""
    return next((t.unit for t in terms if t.covers(day)), None)


def child_ids(parent_ids: Iterable[int], *, level: str | None = None) -> set[int]:
    """The ids of the units directly under any of `parent_ids` (of `level` when given), any
    edition, in one query."""
    parent_ids = list(parent_ids)
    if not parent_ids:
        return set()
    query = select(AdminUnit.id).where(AdminUnit.parent_id.in_(parent_ids))
    if level is not None:
        query = query.where(AdminUnit.level == level)
    return set(db.session.scalars(query))
