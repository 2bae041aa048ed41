"""A small network across the 1/7/2025 change, built directly with the models (no services), for
the network pages' tests. Codes and names are made up (9xxxx), so they never meet the demo's.

    2020 edition                        2025-01-01 edition        2025-07-01 edition
    Tỉnh Đông Sơn 9901 ─────────────────────────────────────────→ Tỉnh Đông Sơn 9902 (merge)
      Huyện Gio Nam 990 (until 30/6/2025)
        Thị trấn Nam Linh 99495 ────────────────────────────────→ Xã Nam Linh 99495 (merge)
        Xã Nam Mỹ 99507 ──→ Xã Nam Mỹ 99507 (merge, 1/1/2025) ──→ Xã Nam Linh 99495 (merge)
        Xã Nam Quang 99513 ─↗ (merge, 1/1/2025)
        Thị trấn Nam Việt 99498 ────────────────────────────────→ Xã Nam Việt 99496 (merge)

Stations: np-huyen (the district, until 30/6/2025), np-nam-linh (the town, then the merged
commune), np-nam-my (until 30/6/2025), np-nam-quang (until 31/12/2024), np-nam-viet, and
np-chua-gan, which serves no unit. From 1/7/2025 np-nam-linh feeds three clusters (the former
communes), np-nam-viet one; before, np-nam-my had one village cluster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from radio.models import AdminUnit, Cluster, Station, StationKind
from tests.factories.unit_rows import add_lineage, add_term, add_unit

START = date(2020, 1, 1)
ARRANGED = date(2025, 1, 1)
CHANGE = date(2025, 7, 1)
BEFORE_ARRANGED = date(2024, 12, 31)
BEFORE_CHANGE = date(2025, 6, 30)


@dataclass
class World:
    units: dict[str, AdminUnit] = field(default_factory=dict)
    stations: dict[str, Station] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)


def build_world(session) -> World:
    w = World()

    def unit(key, code, name, level, unit_type, valid_from, valid_to=None, parent=None):
        w.units[key] = add_unit(code, name, level=level, unit_type=unit_type,
                                parent=w.units[parent] if parent else None,
                                valid_from=valid_from, valid_to=valid_to,
                                source="tests/factories/network_pages.py", session=session)

    unit("p_old", "9901", "Đông Sơn", "province", "Tỉnh", START, BEFORE_CHANGE)
    unit("p_new", "9902", "Đông Sơn", "province", "Tỉnh", CHANGE)
    unit("district", "990", "Gio Nam", "district", "Huyện", START, BEFORE_CHANGE, "p_old")
    unit("tt_linh", "99495", "Nam Linh", "commune", "Thị trấn", START, BEFORE_CHANGE, "district")
    unit("my_2020", "99507", "Nam Mỹ", "commune", "Xã", START, BEFORE_ARRANGED, "district")
    unit("quang", "99513", "Nam Quang", "commune", "Xã", START, BEFORE_ARRANGED, "district")
    unit("my_2025", "99507", "Nam Mỹ", "commune", "Xã", ARRANGED, BEFORE_CHANGE, "district")
    unit("tt_viet", "99498", "Nam Việt", "commune", "Thị trấn", START, BEFORE_CHANGE, "district")
    unit("linh", "99495", "Nam Linh", "commune", "Xã", CHANGE, None, "p_new")
    unit("viet", "99496", "Nam Việt", "commune", "Xã", CHANGE, None, "p_new")
    for pred, succ, on in [("p_old", "p_new", CHANGE), ("my_2020", "my_2025", ARRANGED),
                           ("quang", "my_2025", ARRANGED), ("tt_linh", "linh", CHANGE),
                           ("my_2025", "linh", CHANGE), ("tt_viet", "viet", CHANGE)]:
        add_lineage(w.units[pred], w.units[succ], on, "merge", source="tests", session=session)

    def station(code, name, kind, valid_to=None, terms=()):
        s = Station(code=code, name=name, kind=StationKind(kind), valid_from=START,
                    valid_to=valid_to)
        session.add(s)
        session.flush()
        for key, start, end in terms:
            add_term(s, w.units[key], start, end, session=session)
        w.stations[code] = s

    station("np-huyen", "Đài huyện Gio Nam", "district", BEFORE_CHANGE,
            [("district", START, BEFORE_CHANGE)])
    station("np-nam-linh", "Trạm Nam Linh", "commune", None,
            [("tt_linh", START, BEFORE_CHANGE), ("linh", CHANGE, None)])
    station("np-nam-my", "Trạm Nam Mỹ", "commune", BEFORE_CHANGE,
            [("my_2020", START, BEFORE_ARRANGED), ("my_2025", ARRANGED, BEFORE_CHANGE)])
    station("np-nam-quang", "Trạm Nam Quang", "commune", BEFORE_ARRANGED,
            [("quang", START, BEFORE_ARRANGED)])
    station("np-nam-viet", "Trạm Nam Việt", "commune", None,
            [("tt_viet", START, BEFORE_CHANGE), ("viet", CHANGE, None)])
    station("np-chua-gan", "Trạm chưa gắn đơn vị", "commune")

    def cluster(code, name, station_code, unit_key, tech, speakers, lat, lon, start, end=None,
                former=None):
        c = Cluster(station_id=w.stations[station_code].id, code=code, name=name,
                    covers=w.units[unit_key].name, unit_id=w.units[unit_key].id,
                    former_station_id=w.stations[former].id if former else None,
                    technology=tech, speakers=speakers, latitude=lat, longitude=lon,
                    valid_from=start, valid_to=end)
        session.add(c)
        w.clusters[code] = c

    cluster("np-thon-1", "Thôn Một", "np-nam-my", "my_2020", "wired", 4, 16.93, 107.08, START,
            BEFORE_CHANGE)
    cluster("np-cum-linh", "Cụm Nam Linh", "np-nam-linh", "tt_linh", "wired", 12, 16.91, 107.05,
            CHANGE, former="np-nam-linh")
    cluster("np-cum-my", "Cụm Nam Mỹ", "np-nam-linh", "my_2025", "fm", 8, 16.95, 107.10, CHANGE,
            former="np-nam-my")
    cluster("np-cum-quang", "Cụm Nam Quang", "np-nam-linh", "quang", "ip", 5, 16.88, 107.02,
            CHANGE, former="np-nam-quang")
    cluster("np-cum-viet", "Cụm Nam Việt", "np-nam-viet", "tt_viet", "ip", 10, 16.90, 107.17,
            CHANGE, former="np-nam-viet")
    session.flush()
    return w


@pytest.fixture
def network_world(db_session) -> World:
    """The world above inside the test's rolled-back transaction."""
    return build_world(db_session)
