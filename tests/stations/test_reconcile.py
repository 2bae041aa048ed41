"""Reconciliation reads and the operator/editor pages built on them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from radio import clock
from radio.airings.util import airings_of
from radio.asrun import reconcile
from radio.asrun.demo import MANUAL, SILENT, load_history
from radio.db import db
from radio.demo import DemoReport
from radio.models import AsRunEvent, AsRunStatus, ScheduleEntry, User
from radio.stations import get_station
from tests.factories.stations import asrun_event

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

NOW = clock.now().replace(microsecond=0)


def test_entry_states_follow_reports_and_the_grace_period():
    grace = timedelta(minutes=15)
    end = NOW - timedelta(minutes=10)
    assert reconcile.entry_state(end, [], NOW, grace) == "pending"
    assert reconcile.entry_state(end - timedelta(minutes=6), [], NOW, grace) == "missed"
    assert reconcile.entry_state(end, [AsRunStatus.aired], NOW, grace) == "aired"
    assert reconcile.entry_state(end, [AsRunStatus.aired, AsRunStatus.failed], NOW,
                                 grace) == "partial"
    assert reconcile.entry_state(end, [AsRunStatus.skipped], NOW, grace) == "missed"


def _day_of(entry):
    return entry.starts_at.astimezone(reconcile.local_tz()).date()


def test_a_station_day_counts_aired_partial_missed_and_pending(create_plain_entry,
                                                                record_asrun):
    # 09:00 local yesterday: the three entries and the `now` of the count share one local day,
    # whatever the time the suite runs (NOW - 3 h could cross midnight).
    yesterday = NOW.astimezone(reconcile.local_tz()).date() - timedelta(days=1)
    base = clock.local_day_bounds(yesterday, reconcile.local_tz())[0] + timedelta(hours=9)
    aired = create_plain_entry(station="phong-binh", starts_at=base)
    partial = create_plain_entry(station="phong-binh", starts_at=base + timedelta(minutes=5))
    create_plain_entry(station="phong-binh", starts_at=base + timedelta(minutes=10))  # missed
    record_asrun("phong-binh", [asrun_event(aired), asrun_event(partial, status="partial")])
    [sd] = reconcile.station_days(_day_of(aired), [get_station("phong-binh")],
                                  now=base + timedelta(hours=3))
    counts = sd.counts
    assert (counts["aired"], counts["partial"], counts["missed"]) == (1, 1, 1)
    assert sd.silent is False  # the upload counts as contact


def test_compliance_is_aired_or_partial_over_due_entries(create_plain_entry, record_asrun):
    base = NOW - timedelta(days=2)
    entries = [create_plain_entry(station="trung-giang", starts_at=base + timedelta(hours=h))
               for h in range(4)]
    create_plain_entry(station="trung-giang", starts_at=NOW + timedelta(hours=2))  # not yet due
    record_asrun("trung-giang", [asrun_event(e) for e in entries[:2]]
                 + [asrun_event(entries[2], status="partial")])
    day = _day_of(entries[0])
    [row] = reconcile.compliance(day - timedelta(days=1), day + timedelta(days=3),
                                 [get_station("trung-giang")])
    assert (row.scheduled, row.aired, row.partial, row.missed) == (4, 2, 1, 1)
    assert row.ratio == 0.75  # partly aired counts, as in the period reports


def test_a_station_never_heard_from_is_silent():
    station = get_station("gio-son")
    station.last_contact_at = NOW - timedelta(hours=5)
    db.session.flush()
    assert station in reconcile.silent_stations(NOW)
    station.last_contact_at = NOW - timedelta(minutes=5)
    db.session.flush()
    assert station not in reconcile.silent_stations(NOW)


def test_the_reconcile_page_shows_counts_per_station(login, create_plain_entry, record_asrun):
    entry = create_plain_entry(station="gio-quang", starts_at=NOW - timedelta(hours=2))
    record_asrun("gio-quang", [asrun_event(entry)])
    client = login("editor")
    page = client.get(f"/operator/reconcile?date={_day_of(entry).isoformat()}").text
    assert 'data-station="gio-quang" data-aired="1"' in page
    assert client.get("/operator/compliance").status_code == 200
    assert client.get("/operator/compliance?period=2026-H1").status_code == 200


def test_an_operator_records_a_manual_asrun_for_a_usb_station(login, create_plain_entry):
    entry = create_plain_entry(station="gio-an", starts_at=NOW - timedelta(hours=1))
    client = login("operator")
    day = _day_of(entry)
    page = client.get(f"/operator/stations/gio-an?date={day.isoformat()}")
    assert page.status_code == 200 and "manual-asrun" in page.text
    local = entry.starts_at.astimezone(reconcile.local_tz())
    resp = client.post("/operator/stations/gio-an/asrun",
                       data={"airing_id": airings_of(entry.id)[0].id, "date": day.isoformat(),
                             "time": f"{local:%H:%M}", "minutes": "1", "status": "aired",
                             "note": "Phát từ USB"})
    assert resp.status_code == 302
    row = db.session.scalar(select(AsRunEvent).where(AsRunEvent.entry_id == entry.id))
    operator_id = db.session.scalar(select(User.id).where(User.username == "operator"))
    assert row.manual and row.recorded_by_id == operator_id and row.note == "Phát từ USB"
    bad = client.post("/operator/stations/gio-an/asrun",
                      data={"airing_id": airings_of(entry.id)[0].id, "date": day.isoformat(), "time": "25h"})
    assert bad.status_code == 400


def test_an_operator_cannot_open_another_station(login):
    client = login("operator")
    assert client.get("/operator/stations/gio-chau").status_code == 403
    assert client.get("/operator/").status_code == 302  # straight to the own station


def test_demo_history_is_idempotent_and_has_a_silent_station(create_media_item):
    create_media_item(title="Tin mẫu A", duration_s=300, topics=("mot-cua",), agency="phong-noi-vu")
    create_media_item(title="Tin mẫu B", duration_s=300, topics=("mot-cua",), agency="phong-noi-vu")
    def count(model) -> int:
        return db.session.scalar(select(func.count()).select_from(model))

    rows_before = count(AsRunEvent) + count(ScheduleEntry)
    first = DemoReport(lines=[])
    load_history(first)
    # The report counts exactly the entries and events it made (how many: the time of day).
    assert first.created == count(AsRunEvent) + count(ScheduleEntry) - rows_before
    assert count(AsRunEvent) > 0
    events = db.session.scalar(select(AsRunEvent.seq).order_by(AsRunEvent.seq.desc()).limit(1))
    again = DemoReport(lines=[])
    load_history(again)
    assert again.created == 0
    assert db.session.scalar(select(AsRunEvent.seq).order_by(AsRunEvent.seq.desc())
                             .limit(1)) == events
    silent = [s.code for s in reconcile.silent_stations()]
    assert silent == [SILENT]
    manual = db.session.scalars(select(AsRunEvent.manual).join(ScheduleEntry).where(
        ScheduleEntry.station_id == get_station(MANUAL).id)).all()
    assert manual and all(manual)
    rows = reconcile.compliance((NOW - timedelta(days=28)).date(), NOW.date())
    ratios = [r.ratio for r in rows if r.scheduled]
    assert ratios and 0.7 < sum(ratios) / len(ratios) < 0.95


def test_an_unchanged_playlist_is_answered_from_the_etag_cache_until_staff_change_it(
        client, create_plain_entry):
    from radio import audit
    from radio.stations import rotate_token

    token = rotate_token(None, get_station("hai-thai"))
    entry = create_plain_entry(station="hai-thai", starts_at=NOW + timedelta(days=2))
    db.session.commit()
    day = _day_of(entry)
    url = f"/api/v1/stations/hai-thai/playlist?date={day.isoformat()}"
    auth = {"Authorization": f"Bearer {token}"}
    first = client.get(url, headers=auth)
    etag = first.headers["ETag"]
    # A change made outside any service (no audit row) is seen once the cache runs out…
    entry.starts_at += timedelta(minutes=5)
    entry.ends_at += timedelta(minutes=5)
    db.session.commit()
    assert client.get(url, headers=auth | {"If-None-Match": etag}).status_code == 304
    # …and at once when staff change something (every service writes the audit log).
    audit.record(None, "schedule.move", "entry", entry.id)
    db.session.commit()
    changed = client.get(url, headers=auth | {"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
