"""A small two-world network built directly with the models, for scope tests.

Codes are prefixed with "t" so they never meet the official list or the demo's units (a unit's
key is its code and edition date). The shape follows the 1/7/2025 reorganisation:

    2020 edition (valid 2020-01-01 .. 2025-06-30)          July 2025 edition (from 2025-07-01)
    t45 Tỉnh Quảng Trị ─┐                                   t44 Tỉnh Quảng Trị
      t462 Huyện Gio Linh                                    ├ t19537 Xã Cồn Tiên  <- Gio An, Linh Trường
        t19540 Xã Gio An, t19543 Xã Linh Trường              └ t19496 Xã Cửa Việt  <- Gio Hải, Gio Mai
        t19519 Xã Gio Hải, t19522 Xã Gio Mai                 ├ t19000 Phường Đồng Hới <- Phường Hải Đình
    t44 Tỉnh Quảng Bình ─┘ (both provinces -> t44 new)
      t450 Thành phố Đồng Hới
        t19001 Phường Hải Đình
    t46 Tỉnh Thừa Thiên Huế -> t46 Thành phố Huế (another province), t19999 Phường Thuận Hóa

Stations (code "sc-…"): the district station, one per old commune (ended 30/6/2025 and merged
into its successor's station, whose clusters they became), one per new commune, the province's,
Huế's, and one station with no unit term at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from radio import stations
from radio.db import db
from radio.models import AdminUnit, Cluster, Station
from tests.factories.unit_rows import add_lineage, add_term, add_unit

OLD = date(2020, 1, 1)
LAST_OLD = date(2025, 6, 30)
NEW = date(2025, 7, 1)
SOURCE = "tests/factories/units.py"


@dataclass
class World:
    units: dict[str, AdminUnit] = field(default_factory=dict)
    stations: dict[str, Station] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)

    def unit(self, key: str) -> AdminUnit:
        return self.units[key]

    def station(self, key: str) -> Station:
        return self.stations[key]

    def codes(self, *keys: str) -> set[str]:
        return {self.stations[k].code for k in keys}


def _unit(world: World, key: str, code: str, name: str, level: str, unit_type: str,
          parent: str | None, new: bool) -> AdminUnit:
    unit = add_unit(code, name, level=level, unit_type=unit_type,
                    parent=world.units[parent] if parent else None,
                    valid_from=NEW if new else OLD, valid_to=None if new else LAST_OLD,
                    source=SOURCE)
    world.units[key] = unit
    return unit


def _lineage(world: World, old: str, new: str, kind: str = "merge") -> None:
    add_lineage(world.units[old], world.units[new], NEW, kind, source=SOURCE)


def _station(world: World, key: str, name: str, kind: str, unit: str | None,
             new: bool | None) -> Station:
    if new is None:  # a station that spans both worlds
        valid_from, valid_to = OLD, None
    else:
        valid_from, valid_to = (NEW, None) if new else (OLD, LAST_OLD)
    station = stations.create_station(None, code=f"sc-{key}", name=name, kind=kind,
                                      valid_from=valid_from, valid_to=valid_to)
    if unit is not None:
        add_term(station, world.units[unit], valid_from, valid_to)
    world.stations[key] = station
    return station


def build_world() -> World:
    w = World()
    # the 2020 edition
    _unit(w, "qt-old", "t45", "Tỉnh Quảng Trị", "province", "Tỉnh", None, False)
    _unit(w, "qb-old", "t44", "Tỉnh Quảng Bình", "province", "Tỉnh", None, False)
    _unit(w, "hue-old", "t46", "Tỉnh Thừa Thiên Huế", "province", "Tỉnh", None, False)
    _unit(w, "gio-linh", "t462", "Huyện Gio Linh", "district", "Huyện", "qt-old", False)
    _unit(w, "dong-hoi-city", "t450", "Thành phố Đồng Hới", "district", "Thành phố", "qb-old",
          False)
    for key, code, name in (("gio-an", "t19540", "Xã Gio An"),
                            ("linh-truong", "t19543", "Xã Linh Trường"),
                            ("gio-hai", "t19519", "Xã Gio Hải"),
                            ("gio-mai", "t19522", "Xã Gio Mai")):
        _unit(w, key, code, name, "commune", "Xã", "gio-linh", False)
    _unit(w, "hai-dinh", "t19001", "Phường Hải Đình", "commune", "Phường", "dong-hoi-city", False)
    # the July 2025 edition
    _unit(w, "qt", "t44", "Tỉnh Quảng Trị", "province", "Tỉnh", None, True)
    _unit(w, "hue", "t46", "Thành phố Huế", "province", "Thành phố", None, True)
    _unit(w, "con-tien", "t19537", "Xã Cồn Tiên", "commune", "Xã", "qt", True)
    _unit(w, "cua-viet", "t19496", "Xã Cửa Việt", "commune", "Xã", "qt", True)
    _unit(w, "dong-hoi", "t19000", "Phường Đồng Hới", "commune", "Phường", "qt", True)
    _unit(w, "thuan-hoa", "t19999", "Phường Thuận Hóa", "commune", "Phường", "hue", True)
    db.session.flush()
    for old, new in (("qt-old", "qt"), ("qb-old", "qt"), ("gio-an", "con-tien"),
                     ("linh-truong", "con-tien"), ("gio-hai", "cua-viet"),
                     ("gio-mai", "cua-viet"), ("hai-dinh", "dong-hoi")):
        _lineage(w, old, new)
    _lineage(w, "hue-old", "hue", "rename")
    db.session.flush()

    _station(w, "huyen", "Đài huyện Gio Linh (thử)", "district", "gio-linh", False)
    for key in ("gio-an", "linh-truong", "gio-hai", "gio-mai", "hai-dinh"):
        _station(w, key, f"Trạm {w.units[key].name} (thử)", "commune", key, False)
    for key in ("con-tien", "cua-viet", "dong-hoi", "thuan-hoa"):
        _station(w, key, f"Đài {w.units[key].name} (thử)", "commune", key, True)
    _station(w, "tinh", "Đài tỉnh Quảng Trị (thử)", "province", "qt", True)
    _station(w, "orphan", "Trạm chưa gắn đơn vị (thử)", "commune", None, None)
    db.session.flush()
    # At the merge each old station closed and became a cluster of its successor's station.
    for old, new in (("gio-an", "con-tien"), ("linh-truong", "con-tien"),
                     ("gio-hai", "cua-viet"), ("gio-mai", "cua-viet"),
                     ("hai-dinh", "dong-hoi")):
        w.stations[old].merged_into_id = w.stations[new].id
        cluster = Cluster(station=w.stations[new], code=f"sc-cum-{old}",
                          name=f"Cụm loa {w.units[old].name}", covers=w.units[old].name,
                          unit_id=w.units[old].id, former_station=w.stations[old],
                          technology="wired", speakers=12, valid_from=NEW)
        db.session.add(cluster)
        w.clusters[old] = cluster
    db.session.flush()
    return w


@pytest.fixture
def unit_world() -> World:
    """The two-world network above, inside the test's savepoint."""
    return build_world()


@pytest.fixture
def scoped_user(create_user, unit_world):
    """A user of a role whose unit is one of unit_world's units (by key)."""

    def factory(role: str, unit: str | None, station_keys: list[str] | None = None,
                username: str | None = None):
        codes = [unit_world.station(k).code for k in station_keys or []] or None
        user = create_user(role, username=username, station_codes=codes)
        if unit is not None:
            user.unit = unit_world.unit(unit)
            db.session.flush()
        return user

    return factory
