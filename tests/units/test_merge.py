"""`radio unit merge`: one audited operation; a dry run writes nothing; history survives merges."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.db import db
from radio.models import AsRunEvent, AuditEntry, Cluster
from radio.units import lineage, merge, queries
from tests.factories.stations import asrun_event
from tests.units.util import dump_tables, make_unit

pytestmark = pytest.mark.dates  # the merges are dated from the clock's today


@pytest.fixture
def network(create_station):
    """Three communes A, B, D (since 2020), each served by its own station."""
    units = {k: make_unit(f"T00{n}", f"Xã {k}") for n, k in ((1, "A"), (2, "B"), (4, "D"))}
    stations = {k: create_station(code=f"tram-{k.lower()}", name=f"Trạm truyền thanh xã {k}",
                                  unit=u) for k, u in units.items()}
    db.session.commit()  # a savepoint: a command's rollback after an error keeps it
    return units, stations


def _clusters(station) -> list[tuple]:
    rows = db.session.scalars(select(Cluster).where(Cluster.station_id == station.id)
                              .order_by(Cluster.valid_from, Cluster.code)).all()
    return [(c.code, c.covers, c.former_station.code, c.valid_from, c.valid_to) for c in rows]


def test_a_dry_run_lists_what_moves_and_changes_nothing(runner, network):
    on = clock.today() + timedelta(days=5)
    before = dump_tables()
    result = runner.invoke(args=["unit", "merge", "--into", "T0003", "--from", "T001,T002",
                                 "--on", on.isoformat(), "--name", "Xã C", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert dump_tables() == before
    text = result.output
    assert text.startswith("Thử (không ghi gì): sáp nhập vào T0003 Xã C")
    assert "Đơn vị kết thúc: T001 Xã A" in text and "Đơn vị kết thúc: T002 Xã B" in text
    assert "Kế thừa: T001 (01/01/2020) → T0003" in text
    assert "Đài tiếp nhận: tram-a Trạm truyền thanh xã A (chuyển sang đơn vị mới)" in text
    assert "Đài kết thúc: tram-b Trạm truyền thanh xã B" in text
    assert "Cụm loa mới: tram-b Cụm loa Xã B thuộc tram-a, phủ Xã B" in text
    as_json = runner.invoke(args=["unit", "merge", "--into", "T0003", "--from", "T001,T002",
                                  "--on", on.isoformat(), "--name", "Xã C", "--dry-run", "--json"])
    plan = json.loads(as_json.stdout)
    assert plan["dry_run"] is True and plan["into"]["created"] is True
    assert [s["code"] for s in plan["stations_ending"]] == ["tram-b"]
    assert [c["code"] for c in plan["clusters_created"]] == ["tram-a", "tram-b"]
    assert dump_tables() == before


def test_a_station_history_survives_two_successive_merges(network, create_plain_entry,
                                                          record_asrun):
    units, st = network
    entry = create_plain_entry(station=st["A"], starts_at=clock.now() - timedelta(hours=2))
    record_asrun(st["A"], [asrun_event(entry)])
    aired = db.session.scalars(select(AsRunEvent).where(AsRunEvent.station_id == st["A"].id)).all()
    kept = [(e.seq, e.station_id, e.title, e.row_hash) for e in aired]
    d1 = clock.today() + timedelta(days=3)
    d2 = d1 + timedelta(days=30)

    merge.merge_units(None, into="T003", sources=["T001", "T002"], on=d1, name="Xã C")
    c = queries.edition("T003", d1)
    merge.merge_units(None, into="T005", sources=["T003", "T004"], on=d2, name="Xã E")
    e = queries.edition("T005", d2)
    db.session.expire_all()

    # A's station took over both times: same id, code and name; its as-run rows as they were
    assert (st["A"].code, st["A"].name, st["A"].valid_to) == ("tram-a", "Trạm truyền thanh xã A",
                                                              None)
    assert [(x.seq, x.station_id, x.title, x.row_hash) for x in db.session.scalars(
        select(AsRunEvent).where(AsRunEvent.station_id == st["A"].id))] == kept
    assert [(t.unit.code, t.valid_from, t.valid_to) for t in st["A"].unit_terms] == [
        ("T001", date(2020, 1, 1), d1 - timedelta(days=1)),
        ("T003", d1, d2 - timedelta(days=1)), ("T005", d2, None)]
    assert queries.station_units_on(st["A"], d1 - timedelta(days=1)) == [units["A"]]
    assert queries.station_units_on(st["A"], d2) == [e]
    assert queries.stations_serving(c, d1) == [st["A"]]
    # B and D ended into A's station and became its clusters; A's own area is one too
    for key, last in (("B", d1), ("D", d2)):
        assert (st[key].valid_to, st[key].merged_into_id, st[key].token_hash) == \
            (last - timedelta(days=1), st["A"].id, None)
        assert st[key].name == f"Trạm truyền thanh xã {key}"
    assert _clusters(st["A"]) == [("tram-a", "Xã A", "tram-a", d1, None),
                                  ("tram-b", "Xã B", "tram-b", d1, None),
                                  ("tram-d", "Xã D", "tram-d", d2, None)]
    # lineage E ← C ← A walks both ways
    assert [s.unit for s in lineage.predecessors(e, transitive=True)] == \
        [c, units["D"], units["A"], units["B"]]
    assert [s.unit for s in lineage.successors(units["A"], transitive=True)] == [c, e]
    merges = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "unit.merge")).all()
    assert [m.object_id for m in merges][-2:] == ["T003", "T005"]


def test_a_successor_with_its_own_station_takes_the_clusters_of_ending_stations(
        network, create_station):
    units, st = network
    d1 = clock.today() + timedelta(days=3)
    d2 = d1 + timedelta(days=10)
    merge.merge_units(None, into="T003", sources=["T001", "T002"], on=d1, name="Xã C")
    new_unit = make_unit("T009", "Xã Mới", valid_from=d2)
    new_station = create_station(code="tram-moi", name="Trạm xã Mới", unit=new_unit,
                                 valid_from=d2)
    plan = merge.merge_units(None, into="T009", sources=["T003", "T004"], on=d2)
    assert plan.successor_station == {"code": "tram-moi", "name": "Trạm xã Mới",
                                      "takes_over": False}
    assert {s["code"] for s in plan.stations_ending} == {"tram-a", "tram-d"}
    # A's clusters move (old rows end, new rows start), D becomes one
    assert _clusters(st["A"]) == [("tram-a", "Xã A", "tram-a", d1, d2 - timedelta(days=1)),
                                  ("tram-b", "Xã B", "tram-b", d1, d2 - timedelta(days=1))]
    assert _clusters(new_station) == [("tram-a-2", "Xã A", "tram-a", d2, None),
                                      ("tram-b-2", "Xã B", "tram-b", d2, None),
                                      ("tram-d", "Xã D", "tram-d", d2, None)]
    assert st["A"].valid_to == d2 - timedelta(days=1)
    assert st["A"].merged_into_id == new_station.id


def test_bad_merges_fail_in_vietnamese_and_write_nothing(runner, network):
    on = (clock.today() + timedelta(days=5)).isoformat()
    before = dump_tables()
    cases = [
        (["--into", "T0003", "--from", "T001", "--on", on], "cần --name để tạo"),
        (["--into", "T0003", "--from", "T999", "--on", on, "--name", "Xã C"],
         "Không có đơn vị hành chính mã “T999”"),
        (["--into", "T0003", "--from", "T001", "--on", "1/7/2025"], "--on phải là ngày"),
    ]
    for args, message in cases:
        result = runner.invoke(args=["unit", "merge", *args])
        assert result.exit_code == 1 and message in result.output, result.output
    assert dump_tables() == before
