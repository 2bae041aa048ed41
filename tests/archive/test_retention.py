"""Retention: aired material and its as-run events are never deleted inside the period."""

import dataclasses
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.archive import retention
from radio.db import db
from radio.errors import Conflict
from radio.models import AsRunEvent, AuditEntry, MediaItem

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

AIRED_AT = datetime(2022, 3, 1, 22, 40, tzinfo=UTC)  # for tests that pass `today` themselves


def recently_aired() -> datetime:
    """An airing an hour ago: still inside the retention period on whatever date the suite runs
    (a fixed airing in 2022 stops being protected after 31/12/2027)."""
    return clock.now().replace(microsecond=0) - timedelta(hours=1)


def kept_until(aired: datetime) -> date:
    return date(aired.astimezone(UTC).year + 5, 12, 31)


def test_an_aired_item_cannot_be_deleted_only_retired(create_media_item, air):
    item = create_media_item(audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    aired = recently_aired()
    air("gio-an", item, aired)
    assert retention.may_delete_media(item.id) is False
    db.session.delete(item)
    with pytest.raises(Conflict) as exc:
        db.session.flush()
    assert exc.value.code == "retention"
    assert kept_until(aired).strftime("%d/%m/%Y") in exc.value.message


def test_a_never_aired_item_may_be_deleted(create_media_item):
    item = create_media_item(audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    assert retention.may_delete_media(item.id) is True
    db.session.delete(item)
    db.session.flush()
    assert db.session.get(MediaItem, item.id) is None


def test_retention_runs_to_the_end_of_the_fifth_year_after_airing(create_media_item, air):
    item = create_media_item(audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    air("gio-an", item, AIRED_AT)
    assert retention.media_protected_until(item.id) == date(2027, 12, 31)
    assert retention.may_delete_media(item.id, today=date(2027, 12, 31)) is False
    assert retention.may_delete_media(item.id, today=date(2028, 1, 1)) is True


def test_retention_years_are_configurable(app, create_media_item, air):
    item = create_media_item(audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    air("gio-an", item, AIRED_AT)
    settings = app.config["RADIO_SETTINGS"]
    app.config["RADIO_SETTINGS"] = dataclasses.replace(settings, retention_years=10)
    try:
        assert retention.media_protected_until(item.id) == date(2032, 12, 31)
    finally:
        app.config["RADIO_SETTINGS"] = settings
    assert retention.media_protected_until(item.id) == date(2027, 12, 31)


def test_aired_files_are_protected_in_the_store(create_media_item, air):
    aired, unaired = create_media_item(audio="stored", topics=("mot-cua",), agency="phong-noi-vu"), create_media_item(audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    air("gio-an", aired, recently_aired())
    assert retention.may_delete_file(aired.rendition_sha256) is False
    assert retention.may_delete_file(aired.original_sha256) is False
    assert retention.may_delete_file(unaired.rendition_sha256) is True


def test_asrun_events_and_audit_rows_cannot_be_deleted(create_media_item, air):
    item = create_media_item(audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    _entry, event = air("gio-an", item, recently_aired())
    db.session.delete(db.session.get(AsRunEvent, event.seq))
    with pytest.raises(Conflict):
        db.session.flush()
    db.session.rollback()
    row = db.session.scalar(select(AuditEntry).limit(1))
    db.session.delete(row)
    with pytest.raises(Conflict):
        db.session.flush()


def test_the_asrun_record_keeps_title_agency_and_topics_as_aired(create_media_item, air,
                                                                   client, login):
    from radio.reference import agency_by_slug, topic_by_slug

    item = create_media_item("Tiêu đề lúc phát", topics=("mot-cua",), agency="phong-noi-vu", audio="stored")
    _entry, event = air("gio-an", item, AIRED_AT)
    item.title = "Tiêu đề đã sửa"
    item.agency = agency_by_slug("phong-tu-phap")
    item.topics = [topic_by_slug("pci-papi")]
    db.session.flush()
    db.session.expire_all()
    row = db.session.get(AsRunEvent, event.seq)
    assert (row.title, row.agency_name, row.topic_slugs) == ("Tiêu đề lúc phát", "Phòng Nội vụ",
                                                             "mot-cua")
    login("auditor")
    day = client.get("/archive/station/gio-an/day/2022-03-02").get_data(as_text=True)
    assert "Tiêu đề lúc phát" in day


def test_retention_counts_the_year_on_the_station_calendar_not_utc():
    # 05:00 on 01/01/2023 in Vietnam is still 31/12/2022 in UTC: the item aired in 2023.
    aired = datetime(2022, 12, 31, 22, 0, tzinfo=UTC)
    assert retention.retained_until(aired, years=5) == date(2028, 12, 31)
    assert retention.retained_until(aired.replace(tzinfo=None), years=5) == date(2028, 12, 31)
    assert retention.retained_until(date(2022, 12, 31), years=5) == date(2027, 12, 31)


def test_the_retention_guard_is_installed_by_configuring_the_database():
    # A fresh interpreter with no web app: configuring the core database alone installs it.
    code = ("from sqlalchemy import event; from sqlalchemy.orm import Session; "
            "from radio.archive import retention; from radio.db import db; "
            "before = event.contains(Session, 'before_flush', retention._guard); "
            "db.configure('sqlite://'); "
            "print(before, event.contains(Session, 'before_flush', retention._guard))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True"]
