"""The JSON of `radio unit list` and `radio station list` (field names are a contract)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from radio import stations
from radio.db import db
from radio.errors import DomainError
from radio.units import merge, queries
from radio.units.importer import import_units
from tests.units.util import make_unit

JULY = date(2025, 7, 1)
UNIT_KEYS = {"code", "name", "level", "parent", "valid_from", "valid_to", "predecessors",
             "successors"}
STATION_KEYS = {"code", "name", "kind", "level", "unit_code", "unit_name", "valid_from",
                "valid_to", "merged_into", "clusters", "windows"}


def _json(runner, *args):
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_unit_list_json_gives_units_with_parent_and_lineage_refs(runner):
    import_units(None, province="44")
    town = queries.edition("44", JULY)
    old = make_unit("19495", "Thị trấn Gio Linh", valid_from=date(2020, 1, 1), parent=town,
                    unit_type="Thị trấn")
    old.valid_to = date(2025, 6, 30)
    merge.merge_units(None, into="19495", sources=["19495"], on=JULY)
    db.session.commit()
    rows = _json(runner, "unit", "list", "--on", "2025-07-01", "--province", "44", "--json")
    assert len(rows) == 79 and all(set(r) == UNIT_KEYS for r in rows)
    assert rows[0] | {"predecessors": [], "successors": []} == {
        "code": "44", "name": "Tỉnh Quảng Trị", "level": "province", "parent": None,
        "valid_from": "2025-07-01", "valid_to": None, "predecessors": [], "successors": []}
    gio_linh = next(r for r in rows if r["code"] == "19495")
    assert gio_linh == {"code": "19495", "name": "Xã Gio Linh", "level": "commune",
                        "parent": "44", "valid_from": "2025-07-01", "valid_to": None,
                        "predecessors": [{"code": "19495", "valid_from": "2020-01-01"}],
                        "successors": []}
    before = _json(runner, "unit", "list", "--on", "2025-06-30", "--json")
    assert {"code": "19495", "name": "Thị trấn Gio Linh", "level": "commune", "parent": "44",
            "valid_from": "2020-01-01", "valid_to": "2025-06-30", "predecessors": [],
            "successors": [{"code": "19495", "valid_from": "2025-07-01"}]} in before


def test_station_list_json_gives_level_unit_merge_and_clusters_on_a_day(runner, create_station):
    import_units(None, province="44")
    province = queries.edition("44", JULY)
    created = stations.create_station(None, code="tinh-quang-tri", name="Đài tỉnh Quảng Trị",
                                      kind="province", valid_from=JULY, unit=province)
    db.session.commit()
    rows = _json(runner, "station", "list", "--on", "2025-07-01", "--json")
    assert all(set(r) == STATION_KEYS for r in rows)
    row = next(r for r in rows if r["code"] == "tinh-quang-tri")
    assert row == {"code": "tinh-quang-tri", "name": "Đài tỉnh Quảng Trị", "kind": "province",
                   "level": "province", "unit_code": "44", "unit_name": "Tỉnh Quảng Trị",
                   "valid_from": "2025-07-01", "valid_to": None, "merged_into": None,
                   "clusters": 0, "windows": ""}
    earlier = _json(runner, "station", "list", "--on", "2025-06-30", "--json")
    assert "tinh-quang-tri" not in {r["code"] for r in earlier}
    # a unit term can only start while the unit is in force
    with pytest.raises(DomainError):
        stations.update_station(None, created, unit=province, unit_from=date(2025, 6, 1))
