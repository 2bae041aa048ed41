"""Programmes, materialisation, exceptions, rundowns, entries and every validation error."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from radio import clock
from radio.db import db
from radio.errors import DomainError
from radio.models import AsRunEvent, AsRunStatus, Occurrence, OccurrenceStatus, ScheduleEntry
from radio.stations import get_station
from schedules.entries import operations as entry_ops
from schedules.entries import targeting
from schedules.entries.validation import ValidationFailed
from schedules.playlists.util import playlist_for
from schedules.programmes import materialise as materialising
from schedules.programmes import operations as programme_ops
from schedules.programmes import rundowns
from tests.factories.schedules import TZ, next_weekday

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


def tuesday() -> date:
    return next_weekday(2)


def at_local(day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), tzinfo=TZ)


def entries_of(prog):
    return list(db.session.scalars(select(ScheduleEntry).join(Occurrence).where(
        Occurrence.programme_id == prog.id)))


def test_programme_occurrences_are_stored_in_utc_and_aired_at_local_time(make_programme):
    prog = make_programme(valid_from=tuesday(), until=tuesday() + timedelta(days=6))
    occs = db.session.scalars(select(Occurrence).where(Occurrence.programme_id == prog.id)
                              .order_by(Occurrence.starts_at)).all()
    assert [o.recurrence_date for o in occs] == [tuesday(), tuesday() + timedelta(days=3)]
    first = occs[0]
    assert first.starts_at.tzinfo == UTC
    assert (first.starts_at.hour, first.starts_at.minute) == (10, 15)  # 17:15 in UTC+7
    assert first.starts_at.astimezone(TZ).strftime("%H:%M") == "17:15"
    # One entry per station of the network (district + 17 units) on each occurrence.
    assert len(entries_of(prog)) == 2 * 18


def test_target_communes_leaves_the_district_station_out(make_programme):
    prog = make_programme(target="communes", valid_from=tuesday(), until=tuesday())
    codes = {e.station.code for e in entries_of(prog)}
    assert len(codes) == 17 and "huyen-gio-linh" not in codes


def test_chosen_stations_and_a_closed_station_is_left_out_of_later_occurrences(make_programme):
    station = get_station("gio-hai")
    station.valid_to = tuesday() + timedelta(days=1)
    prog = make_programme(target="chosen", station_codes=["gio-hai", "gio-an"],
                          valid_from=tuesday(), until=tuesday() + timedelta(days=3))
    by_date = {}
    for e in entries_of(prog):
        by_date.setdefault(e.starts_at.astimezone(TZ).date(), set()).add(e.station.code)
    assert by_date == {tuesday(): {"gio-hai", "gio-an"},
                       tuesday() + timedelta(days=3): {"gio-an"}}


def test_rule_change_keeps_aired_and_past_occurrences(make_programme, create_media_item):
    monday = next_weekday(1)
    now = at_local(monday, 8).astimezone(UTC)
    prog = make_programme(rrule="FREQ=DAILY", valid_from=monday, until=monday + timedelta(days=6),
                          now=now)
    occs = {o.recurrence_date: o for o in db.session.scalars(
        select(Occurrence).where(Occurrence.programme_id == prog.id))}
    assert len(occs) == 7
    aired = occs[monday + timedelta(days=2)]
    entry = db.session.scalar(select(ScheduleEntry).where(ScheduleEntry.occurrence_id == aired.id))
    db.session.add(AsRunEvent(event_uuid=str(uuid.uuid4()), station_id=entry.station_id,
                              entry_id=entry.id, started_at=entry.starts_at,
                              status=AsRunStatus.aired))
    db.session.flush()
    later = at_local(monday + timedelta(days=1), 18).astimezone(UTC)  # Monday's and Tuesday's are past
    programme_ops.update_programme(None, prog, rrule="FREQ=WEEKLY;BYDAY=FR", start_time=time(17, 30),
                                until=monday + timedelta(days=6), now=later)
    left = {o.recurrence_date: o for o in db.session.scalars(
        select(Occurrence).where(Occurrence.programme_id == prog.id))}
    friday = monday + timedelta(days=4)
    assert set(left) == {monday, monday + timedelta(days=1), aired.recurrence_date, friday}
    # The aired one keeps its time; the new Friday follows the new start time.
    assert left[aired.recurrence_date].starts_at.astimezone(TZ).strftime("%H:%M") == "17:15"
    assert left[friday].starts_at.astimezone(TZ).strftime("%H:%M") == "17:30"
    assert db.session.scalar(select(func.count()).select_from(ScheduleEntry).where(
        ScheduleEntry.occurrence_id == aired.id)) == 18


def test_materialising_twice_changes_nothing(make_programme):
    prog = make_programme(valid_from=tuesday(), until=tuesday() + timedelta(days=10))
    before = len(entries_of(prog))
    result = materialising.materialise(prog, until=tuesday() + timedelta(days=10))
    assert (result.created, result.updated, result.removed, result.entries) == (0, 0, 0, 0)
    assert len(entries_of(prog)) == before


def test_skip_and_move_one_occurrence_survive_rematerialisation(make_programme):
    prog = make_programme(valid_from=tuesday(), until=tuesday() + timedelta(days=7))
    occs = db.session.scalars(select(Occurrence).where(Occurrence.programme_id == prog.id)
                              .order_by(Occurrence.starts_at)).all()
    skipped, moved = occs[0], occs[1]
    programme_ops.skip_occurrence(None, skipped)
    programme_ops.move_occurrence(None, moved, at_local(moved.recurrence_date, 17, 40))
    materialising.materialise(prog, until=tuesday() + timedelta(days=7))
    db.session.refresh(skipped)
    db.session.refresh(moved)
    assert skipped.status == OccurrenceStatus.skipped
    assert all(e.cancelled_at is not None for e in db.session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.occurrence_id == skipped.id)))
    assert moved.status == OccurrenceStatus.moved
    assert moved.starts_at.astimezone(TZ).strftime("%H:%M") == "17:40"


def test_overlapping_entry_is_refused_naming_the_other_entry(make_programme, create_media_item):
    prog = make_programme(name="Chuyên mục CCHC", valid_from=tuesday(), until=tuesday())
    item = create_media_item("Bản tin trưa", 120)
    with pytest.raises(ValidationFailed) as exc:
        entry_ops.add_entries(None, stations=[get_station("gio-an")],
                               starts_at=at_local(tuesday(), 17, 20), media_id=item.id)
    assert exc.value.code == "overlap"
    assert exc.value.message == (f"Trùng giờ với “{prog.name}” ({tuesday():%d/%m/%Y} "
                                 "17:15–17:30) trên Xã Gio An.")
    assert db.session.scalar(select(func.count()).select_from(ScheduleEntry).where(
        ScheduleEntry.media_item_id == item.id)) == 0


def test_priority_entry_may_cover_a_normal_one_but_not_another_priority_one(make_programme,
                                                                          create_media_item):
    make_programme(valid_from=tuesday(), until=tuesday())
    item = create_media_item("Thông báo ưu tiên", 60)
    rows = entry_ops.add_entries(None, stations=[get_station("gio-an")],
                                  starts_at=at_local(tuesday(), 17, 20), media_id=item.id,
                                  priority="priority")
    assert len(rows) == 1
    with pytest.raises(ValidationFailed) as exc:
        entry_ops.add_entries(None, stations=[get_station("gio-an")],
                               starts_at=at_local(tuesday(), 17, 20), media_id=item.id,
                               priority="priority")
    assert exc.value.code == "overlap"


def test_rundown_longer_than_the_slot_reports_the_overrun_in_seconds(make_programme, create_media_item):
    prog = make_programme(duration_s=300, valid_from=tuesday(), until=tuesday())
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    items = [create_media_item(duration_s=200), create_media_item(duration_s=145)]
    with pytest.raises(ValidationFailed) as exc:
        rundowns.set_rundown(None, occ, [i.id for i in items])
    assert exc.value.code == "rundown_overrun"
    assert "45 giây" in exc.value.message
    assert occ.rundown == []


def test_item_outside_validity_or_not_ready_is_refused(make_programme, create_media_item):
    prog = make_programme(valid_from=tuesday(), until=tuesday())
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    expired = create_media_item("Tin hết hạn", valid_until=tuesday() - timedelta(days=1))
    with pytest.raises(ValidationFailed) as exc:
        rundowns.set_rundown(None, occ, [expired.id])
    assert exc.value.code == "item_not_valid"
    assert tuesday().strftime("%d/%m/%Y") in exc.value.message
    retired = create_media_item("Tin đã ngừng", status="retired")
    with pytest.raises(ValidationFailed) as exc:
        entry_ops.add_entries(None, stations=[get_station("gio-an")],
                               starts_at=at_local(tuesday(), 5, 40), media_id=retired.id)
    assert exc.value.code == "item_not_ready"


def test_outside_broadcast_windows_is_a_warning_the_editor_can_confirm(create_media_item):
    item = create_media_item("Tin buổi trưa", 60)
    station = get_station("gio-an")
    with pytest.raises(ValidationFailed) as exc:
        entry_ops.add_entries(None, stations=[station], starts_at=at_local(tuesday(), 12),
                               media_id=item.id)
    assert exc.value.needs_confirmation and exc.value.code == "needs_confirmation"
    assert "ngoài khung giờ phát" in exc.value.message and "05:30+60" in exc.value.message
    rows = entry_ops.add_entries(None, stations=[station], starts_at=at_local(tuesday(), 12),
                                  media_id=item.id, confirm=True)
    assert len(rows) == 1


def test_station_that_no_longer_exists_on_the_date_is_refused(create_media_item):
    station = get_station("trung-hai")
    station.valid_to = tuesday() - timedelta(days=1)
    item = create_media_item(duration_s=60)
    with pytest.raises(ValidationFailed) as exc:
        entry_ops.add_entries(None, stations=[station], starts_at=at_local(tuesday(), 5, 40),
                               media_id=item.id)
    assert exc.value.code == "station_closed"
    assert "Xã Trung Hải" in exc.value.message


def test_emergency_supersedes_the_older_one_and_stops_its_repeats(create_media_item):
    station = get_station("gio-my")
    storm = create_media_item("Tin bão số 1", 60)
    newer = create_media_item("Tin bão số 1 – cập nhật", 60)
    # The clock is set, not read: "half an hour ago" crossed local midnight before 00:30.
    start = at_local(tuesday(), 9).astimezone(UTC)
    now = start + timedelta(minutes=30)
    first = entry_ops.send_emergency(None, stations=[station], media_id=storm.id,
                                      repeat_every_s=2 * 3600, at=start)[0]
    second = entry_ops.send_emergency(None, stations=[station], media_id=newer.id,
                                       repeat_every_s=3600, at=start + timedelta(minutes=20))[0]
    assert first.superseded_by_id == second.id
    day = start.astimezone(TZ).date()
    playlist = playlist_for("gio-my", day, now=now)
    assert playlist.emergency["entry_id"] == second.id
    old_airings = [i for i in playlist.items if i.entry_id == first.id]
    assert len(old_airings) == 1  # it aired once, then the newer bulletin took over
    entry_ops.cancel_entry(None, second)
    assert playlist_for("gio-my", day, now=now).emergency is None


def test_emergency_goes_out_at_once_even_over_a_programme(make_programme, create_media_item):
    storm = create_media_item("Khẩn: lũ", 60)
    rows = entry_ops.send_emergency(None, stations=targeting.stations_for_choice(everything=True),
                                     media_id=storm.id)
    assert len(rows) == 18
    assert all(abs((r.starts_at - clock.now()).total_seconds()) < 60 for r in rows)


def test_relay_entries_on_communes_appear_in_the_playlist():
    communes = targeting.stations_for_choice(all_communes=True)
    rows = entry_ops.add_entries(None, stations=communes, starts_at=at_local(tuesday(), 5, 30),
                                  relay_station_code="huyen-gio-linh", duration_s=1800)
    assert len(rows) == 17
    items = playlist_for("gio-an", tuesday()).items
    assert [(i.kind, i.relay_station, i.starts_at.strftime("%H:%M")) for i in items] == [
        ("relay", "huyen-gio-linh", "05:30")]
    with pytest.raises(DomainError, match="tiếp âm chính nó"):
        entry_ops.add_entries(None, stations=[get_station("huyen-gio-linh")],
                               starts_at=at_local(tuesday(), 5, 30),
                               relay_station_code="huyen-gio-linh", duration_s=600)


def test_fill_rundown_from_the_library_by_topic_and_repeat_an_item(make_programme, create_media_item):
    prog = make_programme(duration_s=600, valid_from=tuesday(), until=tuesday() + timedelta(days=14))
    occs = db.session.scalars(select(Occurrence).where(Occurrence.programme_id == prog.id)
                              .order_by(Occurrence.starts_at)).all()
    on_topic = [create_media_item(f"Một cửa {i}", 200, topics=("mot-cua",)) for i in range(4)]
    create_media_item("Chủ đề khác", 100, topics=("pci-papi",))
    added = rundowns.fill_rundown(None, occs[0], topic_slug="mot-cua")
    assert added == 3  # 3 × 200 s fill the 600 s slot
    assert {r.media_item_id for r in occs[0].rundown} <= {m.id for m in on_topic}
    bulletin = create_media_item("Tin lặp lại", 30)
    touched = rundowns.add_rundown_item(None, occs[1], bulletin.id, repeat_next=2)
    assert [o.id for o in touched] == [o.id for o in occs[1:4]]
    assert all(o.rundown[-1].media_item_id == bulletin.id for o in occs[1:4])
    assert occs[4].rundown == []


def test_playlist_of_a_programme_lists_intro_rundown_and_outro(make_programme, create_media_item):
    jingle = create_media_item("Hiệu chuyên mục", 10, kind="jingle")
    prog = make_programme(valid_from=tuesday(), until=tuesday(), intro_media_id=jingle.id,
                          outro_media_id=jingle.id)
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    a, b = create_media_item("Tin A", 100), create_media_item("Tin B", 50)
    rundowns.set_rundown(None, occ, [a.id, b.id])
    items = playlist_for("gio-an", tuesday()).items
    assert [(i.title, i.starts_at.strftime("%H:%M:%S")) for i in items] == [
        ("Hiệu chuyên mục", "17:15:00"), ("Tin A", "17:15:10"), ("Tin B", "17:16:50"),
        ("Hiệu chuyên mục", "17:17:40")]
    rundowns.move_rundown_item(None, occ, 1, -1)
    assert [r.media_item.title for r in occ.rundown] == ["Tin B", "Tin A"]


def test_playlist_etag_changes_when_the_rundown_changes_and_not_otherwise(make_programme,
                                                                        create_media_item):
    prog = make_programme(valid_from=tuesday(), until=tuesday())
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    rundowns.set_rundown(None, occ, [create_media_item(duration_s=100).id])
    first = playlist_for("gio-an", tuesday()).etag
    assert playlist_for("gio-an", tuesday()).etag == first
    rundowns.add_rundown_item(None, occ, create_media_item(duration_s=20).id)
    assert playlist_for("gio-an", tuesday()).etag != first


def test_the_materialise_job_extends_programmes_to_the_horizon(make_programme):
    prog = make_programme(valid_from=tuesday(), until=tuesday())
    assert len(entries_of(prog)) == 18
    result = materialising.materialise_all(until=tuesday() + timedelta(days=7))
    assert result.created >= 2 and not result.warnings
    assert len(entries_of(prog)) == 3 * 18


def test_a_new_programme_over_an_existing_entry_is_refused_before_anything_is_saved(
        make_programme, create_media_item):
    item = create_media_item("Thông báo tiêm chủng", 300)
    entry_ops.add_entries(None, stations=[get_station("gio-son")],
                           starts_at=at_local(tuesday(), 17, 12), media_id=item.id)
    before = db.session.scalar(select(func.count()).select_from(Occurrence))
    with pytest.raises(ValidationFailed) as exc:
        make_programme(name="Chuyên mục trùng", valid_from=tuesday(), until=tuesday())
    assert exc.value.code == "overlap"
    assert "Thông báo tiêm chủng" in exc.value.message and "Xã Gio Sơn" in exc.value.message
    assert db.session.scalar(select(func.count()).select_from(Occurrence)) == before


def test_the_bulk_form_checks_entries_together_audits_once_and_refuses_no_length(
        create_media_item):
    from radio.models import AuditEntry
    from schedules.entries.operations import ItemEntry
    from tests.factories.schedules import free_day

    item = create_media_item("Tin hàng loạt", 60)
    at = datetime.combine(free_day(9), time(9, 0), TZ)
    an, mai = get_station("gio-an"), get_station("gio-mai")
    rows = entry_ops.add_item_entries(None, [
        ItemEntry(an, item, at), ItemEntry(mai, item, at),
        ItemEntry(an, item, at + timedelta(minutes=5), length_s=120)], confirm=True)
    assert [(r.station_id, r.starts_at, (r.ends_at - r.starts_at).total_seconds())
            for r in rows] == [(an.id, at.astimezone(UTC), 60), (mai.id, at.astimezone(UTC), 60),
                               (an.id, (at + timedelta(minutes=5)).astimezone(UTC), 120)]
    assert len({r.batch_id for r in rows}) == 1 and {r.media_item_id for r in rows} == {item.id}
    audits = db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_id == rows[0].batch_id)).all()
    assert [(a.action, a.after["count"]) for a in audits] == [("schedule.add", 3)]
    with pytest.raises(DomainError) as exc:
        entry_ops.add_item_entries(None, [ItemEntry(an, item, at + timedelta(hours=1),
                                                    length_s=0)])
    assert exc.value.code == "invalid_duration"
