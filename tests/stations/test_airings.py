"""Airings: a repeating entry is one row per broadcast, each with its own status and evidence;
an as-run report only counts for the airing whose time it can be true for."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.airings.expand import MAX_REPEAT_SPAN, airing_times
from radio.airings.util import airings_of
from radio.asrun import reconcile
from radio.db import db
from radio.models import AiringStatus, AsRunEvent, EntryKind, Priority, ScheduleEntry
from radio.stations import get_station, rotate_token
from tests.factories.schedules import TZ
from tests.factories.stations import asrun_event

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


def _yesterday_at(hh: int, mm: int) -> datetime:
    return datetime.combine(clock.today(TZ) - timedelta(days=1), time(hh, mm), TZ)


def _emergency(code: str, item, starts_at: datetime, every_min: int, until: datetime | None):
    """A repeating emergency written straight to the table (it is in the past: the services
    refuse to schedule there); its airings come with it."""
    entry = ScheduleEntry(station_id=get_station(code).id, kind=EntryKind.item,
                          starts_at=starts_at, ends_at=starts_at + timedelta(seconds=60),
                          priority=Priority.emergency, media_item_id=item.id,
                          repeat_every_s=every_min * 60, repeat_until=until, batch_id="test")
    db.session.add(entry)
    db.session.flush()
    return entry


def test_every_10_minutes_until_18_00_expands_into_one_airing_each():
    start = datetime(2026, 12, 2, 14, 1, tzinfo=TZ)
    rows = airing_times(start, start + timedelta(minutes=2), 600,
                        datetime(2026, 12, 2, 18, 0, tzinfo=TZ))
    assert len(rows) == 24  # 14:01, 14:11, … 17:51
    assert [n for n, _a, _b in rows] == list(range(24))
    assert rows[-1][1] == datetime(2026, 12, 2, 17, 51, tzinfo=TZ)
    assert all(b - a == timedelta(minutes=2) for _n, a, b in rows)
    # No end: until cancelled, at most 24 hours (144 repetitions of 10 minutes).
    endless = airing_times(start, start + timedelta(minutes=2), 600, None)
    assert len(endless) == 144 and endless[-1][1] < start + MAX_REPEAT_SPAN


def test_each_airing_keeps_its_own_status_and_one_asrun_marks_one_airing(create_media_item,
                                                                          record_asrun):
    item = create_media_item(title="Bão số 9", duration_s=60, topics=("mot-cua",), agency="phong-noi-vu")
    item.created_at = _yesterday_at(0, 0)
    entry = _emergency("gio-an", item, _yesterday_at(14, 1), 10, _yesterday_at(18, 0))
    airings = airings_of(entry.id)
    assert len(airings) == 24 and len({a.id for a in airings}) == 24
    third = airings[2]  # 14:21
    result = record_asrun("gio-an", [asrun_event(entry, started_at=third.starts_at
                                                 + timedelta(seconds=20))], manual=True)
    assert not result.rejected
    [row] = result.new
    assert row.airing_id == third.id and row.scheduled_at == third.starts_at
    [sd] = reconcile.station_days(_yesterday_at(12, 0).date(), [get_station("gio-an")])
    mine = [r for r in sd.rows if r.entry.id == entry.id]
    assert len(mine) == 24
    assert [r.state for r in mine].count("aired") == 1
    assert [r.state for r in mine].count("missed") == 23
    assert next(r for r in mine if r.state == "aired").airing.id == third.id
    assert [r.manual for r in mine].count(True) == 1
    db.session.refresh(third)
    assert third.status == AiringStatus.aired
    assert {a.status for a in airings if a.id != third.id} == {AiringStatus.scheduled}


def test_an_asrun_at_05_31_for_an_airing_at_14_41_is_rejected_over_the_api(
        client, create_plain_entry):
    entry = create_plain_entry(station="hai-thai", starts_at=_yesterday_at(14, 41))
    entry.media_item.created_at = _yesterday_at(0, 0)
    token = rotate_token(None, get_station("hai-thai"))
    db.session.commit()
    good = asrun_event(entry, started_at=_yesterday_at(14, 42))
    bad = asrun_event(entry, started_at=_yesterday_at(5, 31))
    resp = client.post("/api/v1/stations/hai-thai/asrun", json={"events": [bad, good]},
                       headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["accepted"] == 1 and body["partial"] is True
    [rejected] = body["rejected"]
    assert (rejected["index"], rejected["code"], rejected["id"]) == (0, "implausible_time",
                                                                    bad["id"])
    assert "05:31" in rejected["reason"] and "14:41" in rejected["reason"]
    stored = db.session.scalars(select(AsRunEvent.event_uuid)
                                .where(AsRunEvent.entry_id == entry.id)).all()
    assert stored == [good["id"]]


def test_an_asrun_at_05_31_for_an_airing_at_14_41_is_refused_in_the_manual_form(
        login, create_plain_entry):
    entry = create_plain_entry(station="gio-an", starts_at=_yesterday_at(14, 41))
    db.session.commit()
    client = login("operator")
    day = _yesterday_at(0, 0).date()
    page = client.get(f"/operator/stations/gio-an?date={day.isoformat()}")
    [airing] = airings_of(entry.id)
    assert f'<option value="{airing.id}">14:41' in page.text
    resp = client.post("/operator/stations/gio-an/asrun",
                       data={"airing_id": airing.id, "date": day.isoformat(), "time": "05:31",
                             "minutes": "1", "status": "aired"})
    assert resp.status_code == 400
    assert "Bắt đầu lúc 05:31" in resp.text and "lượt phát lúc 14:41" in resp.text
    assert db.session.scalars(select(AsRunEvent).where(AsRunEvent.entry_id == entry.id)).all() == []


def test_an_asrun_before_the_item_existed_is_rejected(create_media_item, record_asrun):
    item = create_media_item(duration_s=60, topics=("mot-cua",), agency="phong-noi-vu")
    entry = ScheduleEntry(station_id=get_station("gio-an").id, kind=EntryKind.item,
                          starts_at=item.created_at - timedelta(hours=2),
                          ends_at=item.created_at - timedelta(hours=2, seconds=-60),
                          media_item_id=item.id)
    db.session.add(entry)
    db.session.flush()
    result = record_asrun("gio-an", [asrun_event(entry)])
    assert [r.code for r in result.rejected] == ["before_media"]
    assert not result.new


def test_a_one_off_airing_moves_with_its_entry_and_goes_with_it(create_plain_entry):
    entry = create_plain_entry(station="gio-an", starts_at=clock.now().replace(microsecond=0)
                               + timedelta(days=3))
    entry.starts_at += timedelta(minutes=30)
    entry.ends_at += timedelta(minutes=30)
    db.session.flush()
    [airing] = airings_of(entry.id)
    db.session.refresh(airing)
    assert (airing.starts_at, airing.ends_at) == (entry.starts_at, entry.ends_at)
    entry_id = entry.id
    db.session.delete(entry)
    db.session.flush()
    assert airings_of(entry_id) == []


def test_materialised_programme_entries_written_in_bulk_each_get_one_airing(make_programme):
    from radio.models import Airing, Occurrence
    from tests.factories.schedules import next_weekday

    tuesday = next_weekday(2)
    prog = make_programme(valid_from=tuesday, until=tuesday + timedelta(days=6))
    entries = db.session.scalars(select(ScheduleEntry).join(Occurrence).where(
        Occurrence.programme_id == prog.id)).all()
    assert len(entries) == 2 * 18  # Tuesday and Friday on 18 stations
    airings = db.session.scalars(select(Airing).where(
        Airing.entry_id.in_([e.id for e in entries]))).all()
    assert sorted((a.entry_id, a.seq) for a in airings) == sorted((e.id, 0) for e in entries)
    assert all(a.starts_at == next(e.starts_at for e in entries if e.id == a.entry_id)
               for a in airings)
