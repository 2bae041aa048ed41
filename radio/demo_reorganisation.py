"""Demo step 15: the 2024 and 2025 reorganisations of Gio Linh, as data (radio/units/giolinh.py).

Units in three editions with their lineage, the stations that end and the stations that take
over (each serving its unit for a dated period), the former stations as loudspeaker clusters of
their successors (the two accounts scoped to a 2025 unit: radio.demo.load_scoped_accounts). The rows are made directly (not through a
merge service) so that the demo has no other dependency. Idempotent: every row is looked up by
its natural key first.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from radio import stations as station_ops
from radio.db import db
from radio.models import AdminUnit, Cluster, Station, StationUnit, UnitLineage
from radio.units import giolinh as facts

WINDOWS_FROM = "huyen-gio-linh"  # the new stations keep the old broadcast windows


def _unit(code, name, level, unit_type, valid_from, valid_to, source, parent=None) -> AdminUnit:
    row = db.session.scalar(select(AdminUnit).where(AdminUnit.code == code,
                                                    AdminUnit.valid_from == valid_from))
    if row is None:
        row = AdminUnit(code=code, name=name, level=level, unit_type=unit_type,
                        valid_from=valid_from, valid_to=valid_to, source=source,
                        parent_id=parent.id if parent else None)
        db.session.add(row)
        db.session.flush()
    return row


def _lineage(pred: AdminUnit, succ: AdminUnit, on: date, source: str, kind: str = "merge") -> int:
    found = db.session.scalar(select(UnitLineage.id).where(
        UnitLineage.predecessor_id == pred.id, UnitLineage.successor_id == succ.id,
        UnitLineage.effective_on == on))
    if found is None:
        db.session.add(UnitLineage(predecessor_id=pred.id, successor_id=succ.id, effective_on=on,
                                   kind=kind, source=source))
        return 1
    return 0


def _term(station: Station, unit: AdminUnit, start: date, end: date | None) -> None:
    if not any(t.unit_id == unit.id and t.valid_from == start for t in station.unit_terms):
        station.unit_terms.append(StationUnit(unit_id=unit.id, valid_from=start, valid_to=end))


def load_units() -> tuple[dict, dict, dict, AdminUnit, int]:
    """The three editions and their lineage. Returns the units by station code for the 2020
    and 2025-01 editions, the new communes by station code, the new province, lineage rows made."""
    old_qt = _unit(*facts.OLD_QUANG_TRI[:2], "province", "Tỉnh", *facts.OLD_QUANG_TRI[2:])
    qb = _unit(*facts.QUANG_BINH[:2], "province", "Tỉnh", *facts.QUANG_BINH[2:])
    new_qt = _unit(*facts.NEW_QUANG_TRI[:2], "province", "Tỉnh", *facts.NEW_QUANG_TRI[2:])
    district = _unit(*facts.DISTRICT[:2], "district", "Huyện", *facts.DISTRICT[2:], parent=old_qt)
    from radio.demo import UNITS

    names = dict(UNITS)
    changed = facts.merged_2025_01() | set(facts.ABSORBED)
    before_jan = facts.EDITION_2025_01 - timedelta(days=1)
    end_june = facts.EDITION_2025_07 - timedelta(days=1)
    u2020, u2025 = {}, {}
    for code, (unit_code, unit_type) in facts.UNITS_2020.items():
        u2020[code] = _unit(unit_code, names[code], "commune", unit_type, facts.EDITION_2020,
                            before_jan if code in changed else end_june, facts.SRC_832, district)
        if code in facts.ABSORBED:
            continue
        u2025[code] = u2020[code] if code not in changed else _unit(
            unit_code, names[code], "commune", unit_type, facts.EDITION_2025_01, end_june,
            facts.SRC_GSO_2025, district)
    made = 0
    for absorbed, into in facts.ABSORBED.items():
        made += _lineage(u2020[absorbed], u2025[into], facts.EDITION_2025_01, facts.SRC_GSO_2025)
        made += _lineage(u2020[into], u2025[into], facts.EDITION_2025_01, facts.SRC_GSO_2025)
    new = {}
    for station_code, unit_code, name, sources in facts.NEW_COMMUNES:
        new[station_code] = _unit(unit_code, name, "commune", "Xã", facts.EDITION_2025_07, None,
                                  facts.SRC_2025_07, new_qt)
        for code in sources:
            made += _lineage(u2025[code], new[station_code], facts.EDITION_2025_07,
                             facts.SRC_2025_07)
    made += _lineage(old_qt, new_qt, facts.EDITION_2025_07, facts.SRC_202)
    made += _lineage(qb, new_qt, facts.EDITION_2025_07, facts.SRC_202)
    db.session.flush()
    return u2020, u2025, new, new_qt, made


def _end(station: Station, last_day: date, into: Station | None) -> None:
    if station.valid_to is None:
        station_ops.update_station(None, station, valid_to=last_day)
    station.merged_into_id = into.id if into else None


def _cluster(station: Station, former: Station, unit: AdminUnit, start: date,
             end: date | None) -> int:
    code = f"{station.code}-{former.code}"
    if db.session.scalar(select(Cluster.id).where(Cluster.code == code)) is not None:
        return 0
    lat, lon, technology, speakers = facts.CLUSTERS[former.code]
    db.session.add(Cluster(
        station_id=station.id, code=code, name=f"Cụm loa {former.name}", unit_id=unit.id,
        covers=f"{former.name} (cũ)", former_station_id=former.id, technology=technology,
        latitude=lat, longitude=lon, speakers=speakers, valid_from=start, valid_to=end))
    return 1


def load_reorganisation(report) -> None:
    """Demo step 15. Flushes only; idempotent."""
    if not getattr(report, "reorganise", True):
        return
    by_code = {s.code: s for s in db.session.scalars(select(Station))}
    district_station = by_code.get(WINDOWS_FROM)
    if district_station is None:
        return
    u2020, u2025, new_units, new_qt, lineage = load_units()
    district_unit = u2020["tt-gio-linh"].parent
    before_jan = facts.EDITION_2025_01 - timedelta(days=1)
    end_june = facts.EDITION_2025_07 - timedelta(days=1)
    windows = [(w.start_time, w.duration_min) for w in district_station.windows]

    _term(district_station, district_unit, facts.EDITION_2020, end_june)
    for code, unit in u2020.items():
        _term(by_code[code], unit, facts.EDITION_2020, unit.valid_to)
    for code, unit in u2025.items():
        if unit.valid_from == facts.EDITION_2025_01:
            _term(by_code[code], unit, facts.EDITION_2025_01, end_june)

    created = []
    province = by_code.get(facts.PROVINCE_STATION[0])
    if province is None:
        province = station_ops.create_station(
            None, code=facts.PROVINCE_STATION[0], name=facts.PROVINCE_STATION[1], kind="province",
            valid_from=facts.EDITION_2025_07, windows=windows)
        created.append(province)
    _term(province, new_qt, facts.EDITION_2025_07, None)
    clusters = 0
    for absorbed, into in facts.ABSORBED.items():
        _end(by_code[absorbed], before_jan, by_code[into])
        clusters += _cluster(by_code[into], by_code[absorbed], u2020[absorbed],
                             facts.EDITION_2025_01, end_june)
    for station_code, _unit_code, name, sources in facts.NEW_COMMUNES:
        station = by_code.get(station_code)
        if station is None:
            station = station_ops.create_station(None, code=station_code, name=name,
                                                 kind="commune", valid_from=facts.EDITION_2025_07,
                                                 windows=windows)
            created.append(station)
        _term(station, new_units[station_code], facts.EDITION_2025_07, None)
        formers = sources + [a for a, into in facts.ABSORBED.items() if into in sources]
        for code in formers:
            if code in sources:
                _end(by_code[code], end_june, station)
            clusters += _cluster(station, by_code[code], u2020[code], facts.EDITION_2025_07, None)
    # The district level was abolished: its station ends and nothing merges into it.
    _end(district_station, end_june, None)
    db.session.flush()
    if lineage or created or clusters:
        report.add(f"Đã sắp xếp đơn vị hành chính (01/01/2025: Gio Linh còn 14 đơn vị; "
                   f"01/07/2025: 4 xã của tỉnh Quảng Trị): {lineage} dòng kế thừa, "
                   f"{len(created)} đài mới, {clusters} cụm loa.", lineage + len(created) + clusters)
