"""Lineage both ways: predecessors and successors, direct and transitive, with dates."""

from __future__ import annotations

from datetime import date

from radio.units import lineage, merge, queries
from tests.units.util import make_unit

D1, D2 = date(2024, 1, 1), date(2025, 7, 1)


def _codes(steps):
    return [(s.unit.code, s.effective_on, s.depth) for s in steps]


def test_lineage_walks_both_ways_direct_and_transitive():
    a, b, d = make_unit("T0001", "Xã A"), make_unit("T0002", "Xã B"), make_unit("T0004", "Xã D")
    merge.merge_units(None, into="T0003", sources=["T0001", "T0002"], on=D1, name="Xã C")
    c = queries.edition("T0003", D1)
    merge.merge_units(None, into="T0005", sources=["T0003", "T0004"], on=D2, name="Xã E")
    e = queries.edition("T0005", D2)

    assert _codes(lineage.predecessors(e)) == [("T0003", D2, 1), ("T0004", D2, 1)]
    assert _codes(lineage.predecessors(e, transitive=True)) == [
        ("T0003", D2, 1), ("T0004", D2, 1), ("T0001", D1, 2), ("T0002", D1, 2)]
    assert _codes(lineage.successors(a)) == [("T0003", D1, 1)]
    assert _codes(lineage.successors(a, transitive=True)) == [("T0003", D1, 1), ("T0005", D2, 2)]
    assert _codes(lineage.successors(e)) == [] and _codes(lineage.predecessors(a)) == []
    assert [s.kind for s in lineage.successors(b, transitive=True)] == ["merge", "merge"]
    assert (a.valid_to, c.valid_from, c.valid_to, d.valid_to) == \
        (date(2023, 12, 31), D1, date(2025, 6, 30), date(2025, 6, 30))
    # a code alone is ambiguous: the unit is the edition in force that day
    assert queries.unit_on("T0003", date(2023, 12, 31)) is None
    assert queries.unit_on("T0003", date(2025, 6, 30)) == c
    assert queries.unit_on("T0005", D2) == e and queries.unit_on("T0001", D1) is None


def test_a_code_kept_across_editions_gets_a_new_edition_and_a_lineage_row():
    """19495 was Thị trấn Gio Linh and is Xã Gio Linh: same code, two editions, one lineage."""
    province = make_unit("T44", "Tỉnh Thử", level="province", unit_type="Tỉnh")
    town = make_unit("T9495", "Thị trấn Thử", parent=province, unit_type="Thị trấn")
    make_unit("T9496", "Xã Bên", parent=province)
    plan = merge.merge_units(None, into="T9495", sources=["T9496"], on=D2, name="Xã Thử")
    new = queries.edition("T9495", D2)
    assert plan.into["created"] and new.name == "Xã Thử" and new.unit_type == "Xã"
    assert new.parent_id == province.id and town.valid_to == date(2025, 6, 30)
    assert {s.unit.code for s in lineage.predecessors(new)} == {"T9495", "T9496"}
    assert [s.unit for s in lineage.successors(town)] == [new]
    assert queries.unit_on("T9495", date(2025, 6, 30)) == town
    assert queries.unit_on("T9495", D2) == new
    assert queries.children(province, on=D2) == [new]
