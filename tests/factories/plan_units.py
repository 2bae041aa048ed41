"""A small network across the 1/7/2025 change for the planning pages, built directly with the
models (no services). Codes and names are made up (98xxx), so they never meet the demo's or
tests/factories/network_pages.py's (99xxx).

    until 30/6/2025                          from 1/7/2025
    Tỉnh Hạ Sơn 9801                         Tỉnh Hạ Sơn 9802
      Huyện Lâm Hà 980                         Xã Thịnh An 98101 (merged)
        Xã An Thịnh 98101
        Xã Bình Thịnh 98102

Stations: pu-huyen (serves the district, until 30/6/2025), pu-an (Xã An Thịnh, then Xã Thịnh
An), pu-binh (until 30/6/2025) and pu-le, which serves no unit. Clusters: before the change pu-an
has one (3 loudspeakers) and pu-binh one (2); from 1/7/2025 pu-an feeds two former communes,
Cụm An Thịnh (10) and Cụm Bình Thịnh (6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest

from radio import clock
from radio.models import AdminUnit, Cluster, EntryKind, ScheduleEntry, Station, StationKind
from tests.factories.unit_rows import add_term, add_unit

START = date(2020, 1, 1)
CHANGE = date(2025, 7, 1)
BEFORE_CHANGE = date(2025, 6, 30)
SOURCE = "tests/factories/plan_units.py"


@dataclass
class PlanWorld:
    units: dict[str, AdminUnit] = field(default_factory=dict)
    stations: dict[str, Station] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)


def build_plan_world(session) -> PlanWorld:
    w = PlanWorld()

    def unit(key, code, name, level, unit_type, valid_from, valid_to=None, parent=None):
        w.units[key] = add_unit(code, name, level=level, unit_type=unit_type,
                                valid_from=valid_from, valid_to=valid_to,
                                parent=w.units[parent] if parent else None, source=SOURCE,
                                session=session)

    unit("p_old", "9801", "Hạ Sơn", "province", "Tỉnh", START, BEFORE_CHANGE)
    unit("p_new", "9802", "Hạ Sơn", "province", "Tỉnh", CHANGE)
    unit("district", "980", "Lâm Hà", "district", "Huyện", START, BEFORE_CHANGE, "p_old")
    unit("an_old", "98101", "An Thịnh", "commune", "Xã", START, BEFORE_CHANGE, "district")
    unit("binh", "98102", "Bình Thịnh", "commune", "Xã", START, BEFORE_CHANGE, "district")
    unit("an_new", "98101", "Thịnh An", "commune", "Xã", CHANGE, None, "p_new")

    def station(code, name, kind, valid_to=None, terms=()):
        s = Station(code=code, name=name, kind=StationKind(kind), valid_from=START,
                    valid_to=valid_to)
        session.add(s)
        session.flush()
        for key, start, end in terms:
            add_term(s, w.units[key], start, end, session=session)
        w.stations[code] = s

    station("pu-huyen", "Đài huyện Lâm Hà", "district", BEFORE_CHANGE,
            [("district", START, BEFORE_CHANGE)])
    station("pu-an", "Trạm An Thịnh", "commune", None,
            [("an_old", START, BEFORE_CHANGE), ("an_new", CHANGE, None)])
    station("pu-binh", "Trạm Bình Thịnh", "commune", BEFORE_CHANGE,
            [("binh", START, BEFORE_CHANGE)])
    station("pu-le", "Trạm Lẻ", "commune")

    def cluster(code, name, station_code, unit_key, speakers, start, end=None):
        c = Cluster(station_id=w.stations[station_code].id, code=code, name=name,
                    covers=w.units[unit_key].name, unit_id=w.units[unit_key].id,
                    speakers=speakers, valid_from=start, valid_to=end)
        session.add(c)
        w.clusters[code] = c

    cluster("pu-thon-dong", "Thôn Đông", "pu-an", "an_old", 3, START, BEFORE_CHANGE)
    cluster("pu-thon-tay", "Thôn Tây", "pu-binh", "binh", 2, START, BEFORE_CHANGE)
    cluster("pu-cum-an", "Cụm An Thịnh", "pu-an", "an_old", 10, CHANGE)
    cluster("pu-cum-binh", "Cụm Bình Thịnh", "pu-an", "binh", 6, CHANGE)
    session.flush()
    return w


def add_entry(session, station: Station, day: date, hh: int, mm: int, note: str,
              clusters=(), media=None) -> ScheduleEntry:
    """A 15-minute item entry on `station` at hh:mm local time, for the given clusters (none:
    the whole station), of `media` when given (a playlist lists only entries with media)."""
    starts = datetime(day.year, day.month, day.day, hh, mm, tzinfo=clock.zone())
    entry = ScheduleEntry(station_id=station.id, kind=EntryKind.item, starts_at=starts,
                          ends_at=starts + timedelta(minutes=15), note=note,
                          media_item_id=media.id if media is not None else None)
    entry.clusters = list(clusters)
    session.add(entry)
    session.flush()
    return entry


@pytest.fixture
def plan_world(db_session) -> PlanWorld:
    """The world above inside the test's rolled-back transaction."""
    return build_plan_world(db_session)
