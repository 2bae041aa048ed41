"""Tamper evidence: `verify` recomputes the chains, seals and files and names what broke."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from radio.archive import seals
from radio.archive.verify import verify_database
from radio.db import db
from radio.storage import get_storage

T0 = datetime(2022, 4, 5, 22, 40, tzinfo=UTC)


def _three_events(create_media_item, air):
    item = create_media_item(audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    return [air(code, item, T0 + timedelta(minutes=i))[1]
            for i, code in enumerate(("gio-an", "gio-mai", "gio-son"))]


def test_an_untouched_archive_verifies(create_media_item, air):
    _three_events(create_media_item, air)
    report = verify_database()
    assert report.ok, [p.message for p in report.problems]
    assert (report.checked["asrun"], report.checked["files"]) == (3, 2)  # 1 item: 2 files


def test_a_changed_asrun_row_is_named(create_media_item, air):
    events = _three_events(create_media_item, air)
    db.session.execute(text("UPDATE asrun_events SET title = 'Sửa lén' WHERE seq = :s"),
                       {"s": events[1].seq})
    db.session.expire_all()
    report = verify_database(files=False)
    assert not report.ok
    assert report.first.ref == f"asrun seq {events[1].seq}"
    assert report.first.code == "changed"


def test_a_deleted_asrun_row_is_detected_at_the_next_row(create_media_item, air):
    events = _three_events(create_media_item, air)
    db.session.execute(text("DELETE FROM asrun_events WHERE seq = :s"), {"s": events[1].seq})
    db.session.expire_all()
    report = verify_database(files=False)
    assert report.first.ref == f"asrun seq {events[2].seq}"
    assert report.first.code == "broken_link"
    assert str(events[0].seq) in report.first.message


def test_a_deleted_last_row_is_caught_by_the_daily_seal(create_media_item, air):
    events = _three_events(create_media_item, air)
    seals.seal_day(date(2022, 4, 6))
    db.session.execute(text("DELETE FROM asrun_events WHERE seq = :s"), {"s": events[-1].seq})
    db.session.expire_all()
    report = verify_database(files=False)
    assert [p.ref for p in report.problems] == ["seal asrun 2022-04-06"]


def test_sealing_a_day_twice_changes_nothing(create_media_item, air):
    _three_events(create_media_item, air)
    assert len(seals.seal_day(date(2022, 4, 7))) == 2
    assert seals.seal_day(date(2022, 4, 7)) == []


def test_a_changed_audit_row_is_named(create_media_item, air):
    from radio import audit

    row = audit.record(None, "test.change", "thing", 1, after={"a": 1}, summary="gốc")
    db.session.execute(text("UPDATE audit_log SET summary = 'đã sửa' WHERE id = :i"),
                       {"i": row.id})
    db.session.expire_all()
    report = verify_database(files=False)
    assert report.first.ref == f"audit id {row.id}"


def test_a_changed_byte_in_a_stored_file_is_named(create_media_item, air):
    item = create_media_item(audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    air("gio-an", item, T0)
    path = get_storage().path(item.rendition_sha256)
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))
    report = verify_database()
    assert [p.ref for p in report.problems] == [f"file {item.rendition_sha256}"]
    assert item.title in report.first.message


def test_the_cli_names_the_first_bad_row_and_fails(runner, create_media_item, air):
    events = _three_events(create_media_item, air)
    db.session.execute(text("UPDATE asrun_events SET status = 'aired', note = 'x' WHERE seq = :s"),
                       {"s": events[0].seq})
    result = runner.invoke(args=["archive", "verify", "--no-files"])
    assert result.exit_code == 2
    assert f"asrun seq {events[0].seq}" in result.output
