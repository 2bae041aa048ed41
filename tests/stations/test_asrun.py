"""The as-run service: idempotent by event id, partial acceptance, copies and the hash chain."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from radio import chain, clock
from radio.asrun import operations as asrun
from radio.db import db
from radio.models import AsRunEvent
from tests.factories.stations import asrun_event

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(AsRunEvent))


def test_a_batch_sent_twice_is_stored_once(create_plain_entry, record_asrun):
    entry = create_plain_entry(starts_at=clock.now() - timedelta(hours=2))
    events = [asrun_event(entry), asrun_event(entry, status="partial")]
    before = _count()
    first = record_asrun("gio-an", events)
    second = record_asrun("gio-an", events)
    assert (len(first.new), first.known) == (2, 0)
    assert (len(second.new), second.known) == (0, 2)
    assert _count() == before + 2


def test_late_out_of_order_events_are_each_stored_once(create_plain_entry, record_asrun):
    now = clock.now()
    entries = [create_plain_entry(starts_at=now - timedelta(days=d)) for d in (1, 3, 5)]
    events = [asrun_event(e) for e in entries]
    record_asrun("gio-an", [events[0]])
    result = record_asrun("gio-an", [events[2], events[0], events[1], events[2]])
    assert (len(result.new), result.known) == (2, 2)
    stored = db.session.scalars(select(AsRunEvent.event_uuid).where(
        AsRunEvent.event_uuid.in_([e["id"] for e in events]))).all()
    assert sorted(stored) == sorted(e["id"] for e in events)


def test_one_bad_event_is_rejected_by_index_and_the_others_are_stored(create_plain_entry,
                                                                      record_asrun):
    entry = create_plain_entry(starts_at=clock.now() - timedelta(hours=1))
    good = asrun_event(entry)
    naive = asrun_event(entry, started_at=None) | {"started_at": "2026-01-01T05:30:00"}
    bad_status = asrun_event(entry, status="played")
    result = record_asrun("gio-an", [naive, good, bad_status, "x"])
    answer = result.as_dict()
    assert answer["accepted"] == 1
    assert answer["partial"] is True
    assert [(r["index"], r["code"]) for r in answer["rejected"]] == [
        (0, "naive_time"), (2, "invalid_status"), (3, "invalid_event")]


def test_an_entry_of_another_station_is_rejected(create_plain_entry, record_asrun):
    other = create_plain_entry(station="gio-chau", starts_at=clock.now())
    result = record_asrun("gio-an", [asrun_event(other)])
    assert [r.code for r in result.rejected] == ["entry_not_found"]


def test_an_event_id_used_by_another_station_is_a_conflict(create_plain_entry, record_asrun):
    event = asrun_event(None)
    record_asrun("gio-an", [event])
    result = record_asrun("gio-chau", [event])
    assert [r.code for r in result.rejected] == ["id_conflict"]


def test_the_title_agency_and_topics_are_copied_at_record_time(create_plain_entry,
                                                               record_asrun):
    entry = create_plain_entry(starts_at=clock.now() - timedelta(minutes=5))
    [row] = record_asrun("gio-an", [asrun_event(entry)]).new
    entry.media_item.title = "Đã đổi tên sau khi phát"
    db.session.flush()
    db.session.refresh(row)
    assert row.title.startswith("Tin thử")
    assert row.agency_name == "Phòng Nội vụ"
    assert row.topic_slugs == "mot-cua"
    assert row.scheduled_at == entry.starts_at


def test_every_stored_event_links_to_the_previous_one(create_plain_entry, record_asrun):
    entry = create_plain_entry(starts_at=clock.now() - timedelta(minutes=5))
    record_asrun("gio-an", [asrun_event(entry) for _ in range(3)])
    record_asrun("gio-chau", [asrun_event(None)])
    rows = db.session.scalars(select(AsRunEvent).order_by(AsRunEvent.seq)).all()
    prev = chain.GENESIS
    for row in rows:
        assert row.prev_hash == prev
        assert row.row_hash == chain.link(prev, asrun.asrun_content(row))
        prev = row.row_hash


def test_changing_a_stored_event_breaks_its_hash(create_plain_entry, record_asrun):
    entry = create_plain_entry(starts_at=clock.now() - timedelta(minutes=5))
    [row] = record_asrun("gio-an", [asrun_event(entry)]).new
    row.status = "failed"
    assert chain.link(row.prev_hash, asrun.asrun_content(row)) != row.row_hash
