"""Factories for the network after 1/7/2025: administrative units with editions, station unit
terms, lineage, and a merge applied by adding the rows a merge makes (new unit edition, lineage,
old stations ended and merged into the new one, their clusters, the new station's term).

Plain functions on db.session, so a LiveSeeder's `writing()` block can use them against a live
server's database too. The merge service and the demo are built elsewhere; these rows are what
they are expected to write, made directly with the models.

Unit codes: 19495, 19496, 19501, 19537 and provinces 44/45 are the issue's; the other commune
codes here are test codes, not the statistics office's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from radio import stations as station_ops
from radio.db import db
from radio.models import AdminUnit, Cluster, Station, StationUnit, UnitLineage
from tests.factories import unit_rows
from tests.factories.unit_rows import add_term

EDITION_2020 = date(2020, 1, 1)  # NQ 832/NQ-UBTVQH14
CHANGE = date(2025, 7, 1)  # two-level local government
SOURCE = "tests/factories/network.py"

# The 2020 commune-level units of Gio Linh, by the demo's station codes.
GIO_LINH_2020 = {
    "tt-gio-linh": ("19495", "Thị trấn Gio Linh", "Thị trấn"),
    "tt-cua-viet": ("19496", "Thị trấn Cửa Việt", "Thị trấn"),
    "gio-an": ("90001", "Xã Gio An", "Xã"), "gio-chau": ("90002", "Xã Gio Châu", "Xã"),
    "gio-hai": ("90003", "Xã Gio Hải", "Xã"), "gio-mai": ("90004", "Xã Gio Mai", "Xã"),
    "gio-my": ("90005", "Xã Gio Mỹ", "Xã"), "gio-quang": ("90006", "Xã Gio Quang", "Xã"),
    "gio-son": ("90007", "Xã Gio Sơn", "Xã"), "gio-viet": ("90008", "Xã Gio Việt", "Xã"),
    "hai-thai": ("90009", "Xã Hải Thái", "Xã"), "linh-hai": ("90010", "Xã Linh Hải", "Xã"),
    "linh-truong": ("90011", "Xã Linh Trường", "Xã"),
    "phong-binh": ("90012", "Xã Phong Bình", "Xã"),
    "trung-giang": ("19501", "Xã Trung Giang", "Xã"), "trung-hai": ("90013", "Xã Trung Hải", "Xã"),
    "trung-son": ("90014", "Xã Trung Sơn", "Xã"),
}
# The four communes from 1/7/2025: (code, name, new station code, former stations).
MERGES_2025 = [
    ("19495", "Xã Gio Linh", "xa-gio-linh", ["tt-gio-linh", "phong-binh", "gio-my", "gio-quang"]),
    ("19496", "Xã Cửa Việt", "xa-cua-viet", ["tt-cua-viet", "gio-hai", "gio-mai"]),
    ("19501", "Xã Bến Hải", "xa-ben-hai", ["trung-giang", "trung-hai", "trung-son"]),
    ("19537", "Xã Cồn Tiên", "xa-con-tien", ["gio-an", "linh-truong", "gio-son", "hai-thai"]),
]


def add_unit(code: str, name: str, *, level: str = "commune", unit_type: str = "Xã",
             valid_from: date = EDITION_2020, valid_to: date | None = None,
             parent: AdminUnit | None = None) -> AdminUnit:
    return unit_rows.add_unit(code, name, level=level, unit_type=unit_type,
                              valid_from=valid_from, valid_to=valid_to, parent=parent,
                              source=SOURCE)


def add_lineage(pred: AdminUnit, succ: AdminUnit, on: date, kind: str = "merge") -> UnitLineage:
    return unit_rows.add_lineage(pred, succ, on, kind, source=SOURCE)


def station(code: str, name: str | None = None, kind: str = "commune") -> Station:
    """The station `code`; made (from 2020) when missing, as on a server without the demo."""
    found = db.session.scalar(select(Station).where(Station.code == code))
    if found is None and name:
        found = station_ops.create_station(None, code=code, name=name, kind=kind,
                                           valid_from=EDITION_2020)
    return found


def term_on(st: Station, day: date) -> StationUnit | None:
    return db.session.scalar(select(StationUnit).where(
        StationUnit.station_id == st.id, StationUnit.valid_from <= day,
        (StationUnit.valid_to.is_(None)) | (StationUnit.valid_to >= day)))


@dataclass
class World:
    province: AdminUnit
    district: AdminUnit
    communes: dict[str, AdminUnit] = field(default_factory=dict)  # station code → 2020 unit
    new_province: AdminUnit | None = None
    new_communes: dict[str, AdminUnit] = field(default_factory=dict)  # new station code → unit


def gio_linh_2020() -> World:
    """The 2020 edition for the demo's stations (huyen-gio-linh and its 17 communes), each
    station serving its unit from its own start, open-ended."""
    province = add_unit("45", "Tỉnh Quảng Trị", level="province", unit_type="Tỉnh")
    district = add_unit("464", "Huyện Gio Linh", level="district", unit_type="Huyện",
                        parent=province)
    world = World(province, district)
    add_term(station("huyen-gio-linh", "Đài truyền thanh huyện Gio Linh", "district"), district,
             EDITION_2020)
    for code, (ucode, name, utype) in GIO_LINH_2020.items():
        world.communes[code] = unit = add_unit(ucode, name, unit_type=utype, parent=district)
        add_term(station(code, name), unit, EDITION_2020)
    return world


def end_term(st: Station, last_day: date) -> None:
    term = term_on(st, last_day)
    if term is not None:
        term.valid_to = last_day


def merge(into_code: str, into_name: str, station_code: str, former: list[str], on: date,
          parent: AdminUnit | None = None) -> tuple[AdminUnit, Station]:
    """What merging the units of stations `former` into a new commune on `on` writes."""
    last = on - timedelta(days=1)
    unit = add_unit(into_code, into_name, valid_from=on, parent=parent)
    # A row, not radio.stations.create_station: no audit entry, so that the chain heads a
    # package of an earlier period records stay what they were.
    new = Station(code=station_code, name=into_name, kind="commune", valid_from=on)
    db.session.add(new)
    db.session.flush()
    add_term(new, unit, on)
    for code in former:
        old = station(code)
        pred = term_on(old, last).unit
        pred.valid_to = last
        add_lineage(pred, unit, on, "merge")
        end_term(old, last)
        old.valid_to, old.merged_into_id = last, new.id
        db.session.add(Cluster(station_id=new.id, code=f"{code}-cum", name=f"Cụm loa {old.name}",
                               covers=old.name, unit_id=pred.id, former_station_id=old.id,
                               technology="wired", valid_from=on, speakers=12))
    db.session.flush()
    return unit, new


ARRANGEMENT_2024 = date(2025, 1, 1)


def apply_2024_step(world: World) -> World:
    """A TEST-ONLY first step (not the official 2024 arrangement, which the demo takes from
    the statistics office): on 1/1/2025 Xã Gio Việt goes into a new edition of Thị trấn Cửa
    Việt, so that Gio Việt reaches Xã Cửa Việt through two lineage lines."""
    last = ARRANGEMENT_2024 - timedelta(days=1)
    old_tt = world.communes["tt-cua-viet"]
    tt = add_unit(old_tt.code, old_tt.name, unit_type=old_tt.unit_type,
                  valid_from=ARRANGEMENT_2024, parent=world.district)
    tt_station, viet = station("tt-cua-viet"), station("gio-viet")
    for pred in (old_tt, world.communes["gio-viet"]):
        pred.valid_to = last
        add_lineage(pred, tt, ARRANGEMENT_2024, "merge")
    end_term(tt_station, last)
    add_term(tt_station, tt, ARRANGEMENT_2024)
    end_term(viet, last)
    viet.valid_to, viet.merged_into_id = last, tt_station.id
    world.communes["tt-cua-viet"] = tt
    db.session.flush()
    return world


def apply_2025(world: World) -> World:
    """The 1/7/2025 change: new province 44, the four communes, the district station ends."""
    last = CHANGE - timedelta(days=1)
    world.new_province = add_unit("44", "Tỉnh Quảng Trị", level="province", unit_type="Tỉnh",
                                  valid_from=CHANGE)
    world.province.valid_to = world.district.valid_to = last
    add_lineage(world.province, world.new_province, CHANGE, "merge")
    district_station = station("huyen-gio-linh")
    end_term(district_station, last)
    district_station.valid_to = last
    for code, name, st_code, former in MERGES_2025:
        unit, _new = merge(code, name, st_code, former, CHANGE, world.new_province)
        world.new_communes[st_code] = unit
    db.session.flush()
    return world


@pytest.fixture
def network():
    """The functions above, as one fixture: network.gio_linh_2020(), network.apply_2025(w)…"""
    import sys

    return sys.modules[__name__]
