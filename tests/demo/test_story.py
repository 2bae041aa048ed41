"""The demo story: Gio Linh's units in three editions, the 2025 stations and their clusters, the
CCHC year 2025 across 1/7/2025, and the 2022 year left exactly as it was."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import aliased

from radio.config import normalise_database_url
from radio.models import (
    AdminUnit,
    AsRunEvent,
    Cluster,
    Occurrence,
    Programme,
    ScheduleEntry,
    Station,
    UnitLineage,
    User,
)

NEW_COMMUNES = {  # the list (from the 2025 conversion table)
    "Xã Gio Linh": {"Thị trấn Gio Linh", "Xã Phong Bình", "Xã Gio Mỹ", "Xã Gio Quang"},
    "Xã Cửa Việt": {"Thị trấn Cửa Việt", "Xã Gio Hải", "Xã Gio Mai"},
    "Xã Bến Hải": {"Xã Trung Giang", "Xã Trung Hải", "Xã Trung Sơn"},
    "Xã Cồn Tiên": {"Xã Gio An", "Xã Linh Trường", "Xã Gio Sơn", "Xã Hải Thái"},
}
CODES = {"Xã Gio Linh": "19495", "Xã Cửa Việt": "19496", "Xã Bến Hải": "19501",
         "Xã Cồn Tiên": "19537"}


def _unit(session, code: str, edition: date) -> AdminUnit:
    return session.scalar(select(AdminUnit).where(AdminUnit.code == code,
                                                  AdminUnit.valid_from == edition))


def _gio_linh_communes(session, day: date) -> list[AdminUnit]:
    """The commune-level units of Gio Linh's area on a day: the district's, or since 1/7/2025
    those of the new province that Gio Linh's units merged into."""
    rows = session.scalars(select(AdminUnit).where(AdminUnit.level == "commune")).all()
    district = session.scalar(select(AdminUnit).where(AdminUnit.code == "466"))
    pred = aliased(AdminUnit)
    heirs = set(session.scalars(select(UnitLineage.successor_id).join(
        pred, pred.id == UnitLineage.predecessor_id).where(pred.parent_id == district.id)))
    return [u for u in rows if u.exists_on(day) and (u.parent_id == district.id or u.id in heirs)]


def test_gio_linh_has_17_units_in_2022_14_on_1_1_2025_and_4_from_1_7_2025(story):
    assert len(_gio_linh_communes(story, date(2022, 6, 1))) == 17
    on_jan = _gio_linh_communes(story, date(2025, 1, 1))
    assert len(on_jan) == 14
    assert not {"Xã Gio Châu", "Xã Gio Việt", "Xã Linh Hải"} & {u.name for u in on_jan}
    assert len(_gio_linh_communes(story, date(2024, 12, 31))) == 17
    assert len(_gio_linh_communes(story, date(2025, 6, 30))) == 14
    after = _gio_linh_communes(story, date(2025, 7, 1))
    assert sorted((u.code, u.name) for u in after) == sorted((c, n) for n, c in CODES.items())
    # One code, two units: 19495 was Thị trấn Gio Linh and is Xã Gio Linh.
    assert [u.name for u in story.scalars(select(AdminUnit).where(AdminUnit.code == "19495")
                                          .order_by(AdminUnit.valid_from))] == [
        "Thị trấn Gio Linh", "Xã Gio Linh"]


def test_the_four_merges_of_1_7_2025_are_exactly_the_official_ones(story):
    for name, code in CODES.items():
        unit = _unit(story, code, date(2025, 7, 1))
        assert unit.name == name and unit.parent.code == "44" and unit.parent.name == "Tỉnh Quảng Trị"
        rows = story.scalars(select(UnitLineage).where(UnitLineage.successor_id == unit.id)).all()
        assert {r.predecessor.name for r in rows} == NEW_COMMUNES[name]
        assert {(r.kind, r.effective_on) for r in rows} == {("merge", date(2025, 7, 1))}
        assert all(r.predecessor.valid_to == date(2025, 6, 30) and r.source for r in rows)


def test_the_2024_arrangement_and_the_province_merge_have_lineage(story):
    jan = story.scalars(select(UnitLineage).where(
        UnitLineage.effective_on == date(2025, 1, 1))).all()
    absorbed = {(r.predecessor.name, r.successor.name) for r in jan
                if r.predecessor.name != r.successor.name}
    assert absorbed == {("Xã Gio Việt", "Thị trấn Cửa Việt"), ("Xã Gio Châu", "Xã Gio Quang"),
                        ("Xã Linh Hải", "Xã Gio Sơn")}
    assert all(r.successor.valid_from == date(2025, 1, 1) for r in jan)
    new_qt = _unit(story, "44", date(2025, 7, 1))
    preds = story.scalars(select(UnitLineage).where(UnitLineage.successor_id == new_qt.id)).all()
    assert {(r.predecessor.code, r.predecessor.name, r.kind) for r in preds} == {
        ("45", "Tỉnh Quảng Trị", "merge"), ("44", "Tỉnh Quảng Bình", "merge")}


def _station(session, code: str) -> Station:
    return session.scalar(select(Station).where(Station.code == code))


def test_the_district_station_ends_on_30_6_2025_and_the_communes_are_taken_over(story):
    district = _station(story, "huyen-gio-linh")
    assert (district.kind.value, district.valid_to, district.merged_into_id) == (
        "district", date(2025, 6, 30), None)
    assert [(t.unit.code, t.valid_from, t.valid_to) for t in district.unit_terms] == [
        ("466", date(2020, 1, 1), date(2025, 6, 30))]
    assert _station(story, "gio-an").merged_into_id == _station(story, "xa-con-tien").id
    assert _station(story, "gio-an").valid_to == date(2025, 6, 30)
    viet = _station(story, "gio-viet")  # absorbed at the 2024 arrangement
    assert viet.valid_to == date(2024, 12, 31)
    assert viet.merged_into_id == _station(story, "tt-cua-viet").id
    cua_viet = _station(story, "tt-cua-viet")  # one unit edition after the other
    assert [(t.unit.code, t.valid_from, t.valid_to) for t in cua_viet.unit_terms] == [
        ("19496", date(2020, 1, 1), date(2024, 12, 31)),
        ("19496", date(2025, 1, 1), date(2025, 6, 30))]
    province = _station(story, "tinh-quang-tri")
    assert province.kind.value == "province" and province.valid_from == date(2025, 7, 1)
    assert [(t.unit.code, t.unit.name) for t in province.unit_terms] == [("44", "Tỉnh Quảng Trị")]
    # Every station serves a unit for each day it exists, without gaps.
    for station in story.scalars(select(Station)):
        terms = station.unit_terms
        assert terms and terms[0].valid_from == station.valid_from, station.code
        assert terms[-1].valid_to == station.valid_to, station.code
        for a, b in zip(terms, terms[1:], strict=False):
            assert (b.valid_from - a.valid_to).days == 1, station.code


def test_each_new_station_has_the_old_stations_as_its_clusters(story):
    expected = {
        "xa-gio-linh": {"tt-gio-linh", "phong-binh", "gio-my", "gio-quang", "gio-chau"},
        "xa-cua-viet": {"tt-cua-viet", "gio-hai", "gio-mai", "gio-viet"},
        "xa-ben-hai": {"trung-giang", "trung-hai", "trung-son"},
        "xa-con-tien": {"gio-an", "linh-truong", "gio-son", "hai-thai", "linh-hai"},
    }
    for code, formers in expected.items():
        station = _station(story, code)
        assert station.valid_from == date(2025, 7, 1) and station.valid_to is None
        assert station.unit_terms[0].unit.code == CODES[station.name]
        clusters = story.scalars(select(Cluster).where(Cluster.station_id == station.id)).all()
        assert {c.former_station.code for c in clusters} == formers
        for c in clusters:
            assert c.valid_from == date(2025, 7, 1) and c.valid_to is None
            assert c.unit.name == c.former_station.name and c.covers and c.speakers > 0
            assert 16.8 < c.latitude < 17.1 and 106.9 < c.longitude < 107.2
            assert c.technology in ("ip", "fm", "wired")
    # Between the two merges Gio Việt's loudspeakers were a cluster of TT Cửa Việt.
    [first] = story.scalars(select(Cluster).where(
        Cluster.station_id == _station(story, "tt-cua-viet").id)).all()
    assert (first.former_station.code, first.valid_from, first.valid_to) == (
        "gio-viet", date(2025, 1, 1), date(2025, 6, 30))


def test_the_cchc_year_2025_has_as_run_on_both_sides_of_1_7_2025(story):
    prog = story.scalar(select(Programme).where(Programme.name == "Chuyên mục Cải cách hành chính 2025"))
    assert prog.valid_from == date(2024, 12, 15)
    change = datetime(2025, 6, 30, 17, tzinfo=UTC)  # 1/7/2025 00:00 in Vietnam
    start = datetime(2024, 12, 14, 17, tzinfo=UTC)
    end = datetime(2025, 12, 14, 17, tzinfo=UTC)

    def stations(after: bool) -> dict[str, int]:
        window = (AsRunEvent.started_at >= change) if after else (AsRunEvent.started_at < change)
        return dict(story.execute(
            select(Station.code, func.count()).join(ScheduleEntry, ScheduleEntry.station_id == Station.id)
            .join(AsRunEvent, AsRunEvent.entry_id == ScheduleEntry.id)
            .where(ScheduleEntry.occurrence_id.in_(
                       select(Occurrence.id).where(Occurrence.programme_id == prog.id)),
                   AsRunEvent.started_at >= start, AsRunEvent.started_at < end, window)
            .group_by(Station.code)).all())

    before, after = stations(False), stations(True)
    assert set(after) == {"xa-gio-linh", "xa-cua-viet", "xa-ben-hai", "xa-con-tien",
                          "tinh-quang-tri"}
    assert "huyen-gio-linh" in before and "gio-an" in before and len(before) == 18
    assert all(n > 10 for n in before.values()) and all(n > 50 for n in after.values())
    assert before["gio-viet"] < before["gio-an"] / 2  # Gio Việt aired until 31/12/2024 only


def test_the_scoped_accounts_have_their_units(story):
    users = {u.username: u for u in story.scalars(select(User))}
    assert {"admin", "editor", "operator", "auditor"} <= set(users)
    auditor, editor = users["province_auditor"], users["commune_editor"]
    assert (auditor.role.value, auditor.unit.code, auditor.unit.name) == (
        "auditor", "44", "Tỉnh Quảng Trị")
    assert (editor.role.value, editor.unit.code, editor.unit.valid_from) == (
        "editor", "19496", date(2025, 7, 1))
    assert users["auditor"].unit_id is None and users["operator"].unit_id is None


def test_the_communes_relay_the_province_after_the_change(story):
    relays = story.scalars(select(ScheduleEntry).where(
        ScheduleEntry.batch_id == "demo-relay-district-0530")).all()
    assert relays and {e.relay_station_id for e in relays} == {_station(story, "tinh-quang-tri").id}
    assert {e.station_id for e in relays} <= {_station(story, c).id for c in (
        "xa-gio-linh", "xa-cua-viet", "xa-ben-hai", "xa-con-tien")}


def _year_2022(session) -> list[tuple]:
    start = datetime(2021, 12, 14, 17, tzinfo=UTC)
    end = datetime(2022, 12, 14, 17, tzinfo=UTC)
    return session.execute(
        select(Station.code, AsRunEvent.scheduled_at, AsRunEvent.started_at, AsRunEvent.ended_at,
               AsRunEvent.status, AsRunEvent.title, AsRunEvent.media_sha256, AsRunEvent.note,
               AsRunEvent.event_uuid)
        .join(Station, Station.id == AsRunEvent.station_id)
        .where(AsRunEvent.scheduled_at >= start, AsRunEvent.scheduled_at < end)
        .order_by(AsRunEvent.event_uuid)).all()


def test_the_2022_year_is_the_same_with_and_without_the_reorganisation(story, world_2022):
    rows = _year_2022(story)
    assert len(rows) > 5000 and len({r[0] for r in rows}) == 18
    assert rows == _year_2022(world_2022)


def test_running_the_demo_again_changes_nothing(make_live_server):
    from tests.foundation.test_init_demo import row_counts

    server = make_live_server("story")
    engine = create_engine(normalise_database_url(server.env["DATABASE_URL"]))
    try:
        before = row_counts(engine)
        out = server.cli("init", "--demo").stdout
        assert "Dữ liệu mẫu đã có sẵn, không thay đổi gì." in out, out
        assert row_counts(engine) == before
    finally:
        engine.dispose()
