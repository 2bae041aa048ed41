"""Only approved material reaches a playlist, in every format, and appears after one approval."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from radio.approvals import operations as approvals
from radio.db import db
from radio.models import ApprovalState, Occurrence, ScheduleEntry
from radio.stations import get_station
from schedules.entries import operations as entry_ops
from schedules.entries.approval_state import entry_waiting
from schedules.playlists.builder import EntryData, MediaRef, StationInfo, make_playlist
from schedules.playlists.formats import to_json, to_m3u8, to_xspf
from schedules.playlists.util import entries_for_station, playlist_for
from schedules.programmes import rundowns
from tests.factories.schedules import TZ, free_day, next_weekday

pytestmark = pytest.mark.dates


def url_for(item) -> str:
    return f"https://radio.example/m/{item.sha256}.mp3"


def formats(playlist) -> tuple[str, str, str]:
    return (str(to_json(playlist, url_for)), to_m3u8(playlist, url_for),
            to_xspf(playlist, url_for))


def test_an_unapproved_item_is_in_no_format_until_one_approve(approval_required, approver,
                                                              create_media_item):
    day = free_day(3)
    item = create_media_item("Thông báo chưa duyệt", 40)
    assert item.approval == ApprovalState.draft
    entry_ops.add_entries(None, stations=[get_station("gio-an")],
                          starts_at=datetime.combine(day, time(9, 0), tzinfo=TZ), confirm=True,
                          media_id=item.id)
    before = playlist_for("gio-an", day)
    assert [i.title for i in before.items] == []
    for text in formats(before):
        assert "Thông báo chưa duyệt" not in text
        assert item.rendition_sha256 not in text
    approvals.submit(None, item)
    assert playlist_for("gio-an", day).items == ()
    approvals.approve(approver, item)
    after = playlist_for("gio-an", day)
    assert [(i.title, i.starts_at.strftime("%H:%M")) for i in after.items] == [
        ("Thông báo chưa duyệt", "09:00")]
    assert after.etag != before.etag
    json_text, m3u, xspf = formats(after)
    assert f"https://radio.example/m/{item.rendition_sha256}.mp3" in m3u
    assert f"<location>https://radio.example/m/{item.rendition_sha256}.mp3</location>" in xspf
    assert "Thông báo chưa duyệt" in json_text


def test_a_programme_with_one_unapproved_rundown_item_is_left_out(approval_required, approver,
                                                                   make_programme,
                                                                   create_media_item):
    day = next_weekday(2, after=free_day(6))
    prog = make_programme(valid_from=day, until=day)
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    assert occ.approval == ApprovalState.draft
    good, bad = create_media_item("Tin đã duyệt", 60), create_media_item("Tin chưa duyệt", 60)
    approvals.approve(approver, good)
    rundowns.set_rundown(None, occ, [good.id, bad.id])
    approvals.approve(approver, occ)
    entry = db.session.scalar(select(ScheduleEntry).where(ScheduleEntry.occurrence_id == occ.id,
                                                          ScheduleEntry.station_id ==
                                                          get_station("gio-an").id))
    waiting = entry_waiting(entry)
    assert (waiting.state, waiting.what) == ("draft", ("Tin chưa duyệt",))
    assert playlist_for("gio-an", day).items == ()
    assert playlist_for("gio-an", day, single_file=True).items == ()
    approvals.approve(approver, bad)
    assert [i.title for i in playlist_for("gio-an", day).items] == ["Tin đã duyệt",
                                                                    "Tin chưa duyệt"]


def _pure_entries(awaiting: bool) -> list[EntryData]:
    start = datetime(2031, 3, 4, 8, 0, tzinfo=TZ)
    rendered = MediaRef(None, "Số phát dựng sẵn", 90.0, "r" * 64)
    return [
        EntryData(id=1, kind="item", priority="emergency", starts_at=start,
                  ends_at=start + timedelta(seconds=30), title="Tin khẩn",
                  media=(MediaRef(7, "Tin khẩn", 30.0, "e" * 64),), repeat_every_s=600,
                  stop_at=start + timedelta(hours=1), awaiting_approval=awaiting),
        EntryData(id=2, kind="programme", priority="normal", starts_at=start + timedelta(hours=2),
                  ends_at=start + timedelta(hours=2, minutes=15), title="Chuyên mục",
                  media=(MediaRef(8, "Tin", 90.0, "m" * 64),), rendered=rendered,
                  awaiting_approval=awaiting),
    ]


def test_the_pure_builder_leaves_out_awaiting_entries_and_their_emergency():
    station = StationInfo(1, "gio-an", "Xã Gio An", "Asia/Ho_Chi_Minh")
    now = datetime(2031, 3, 4, 8, 5, tzinfo=TZ)
    day = now.date()
    shown = make_playlist(station, day, _pure_entries(False), now=now)
    assert (len(shown.items), shown.emergency["entry_id"]) == (7, 1)
    single = make_playlist(station, day, _pure_entries(False), now=now, single_file=True)
    assert [i.title for i in single.items][-1] == "Số phát dựng sẵn"
    for single_file in (False, True):
        held = make_playlist(station, day, _pure_entries(True), now=now, single_file=single_file)
        assert (held.items, held.emergency) == ((), None)
        assert held.etag != shown.etag


def test_now_has_no_emergency_while_it_awaits_approval(approval_required, approver,
                                                       create_media_item, login, client):
    from radio import clock

    item = create_media_item("Khẩn: nước lên nhanh", 30)
    now = clock.now()
    entry_ops.send_emergency(None, stations=[get_station("gio-an")], media_id=item.id,
                             repeat_every_s=600, times=3, now=now)
    window = entries_for_station(get_station("gio-an").id, now - timedelta(seconds=1),
                                 now + timedelta(seconds=1))
    assert [e.awaiting_approval for e in window] == [True]
    day = now.astimezone(TZ).date()
    assert playlist_for("gio-an", day, now=now + timedelta(seconds=5)).emergency is None
    db.session.commit()
    login("admin")
    assert client.get("/api/v1/stations/gio-an/now").json["emergency"] is None
    approvals.approve(approver, item)
    db.session.commit()
    found = playlist_for("gio-an", day, now=now + timedelta(seconds=5)).emergency
    assert found["title"] == "Khẩn: nước lên nhanh"
    assert client.get("/api/v1/stations/gio-an/now").json["emergency"]["title"] == \
        "Khẩn: nước lên nhanh"


def test_a_rundown_edit_after_approval_reopens_and_rematerialising_keeps_approval(
        approval_required, approver, make_programme, create_media_item):
    from radio.models import AuditEntry
    from schedules.programmes import materialise as materialising

    day = next_weekday(5, after=free_day(8))
    prog = make_programme(valid_from=day, until=day)
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    a, b = create_media_item("Tin một", 60), create_media_item("Tin hai", 60)
    for obj in (a, b):
        approvals.approve(approver, obj)
    rundowns.set_rundown(None, occ, [a.id])
    approvals.submit(None, occ)
    approvals.approve(approver, occ)
    materialising.materialise(prog, until=day + timedelta(days=1))
    assert occ.approval == ApprovalState.approved
    assert [i.title for i in playlist_for("gio-an", day).items] == ["Tin một"]
    rundowns.add_rundown_item(None, occ, b.id)
    assert occ.approval == ApprovalState.draft
    last = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    assert (last.action, last.object_id) == ("occurrence.reopen", str(occ.id))
    assert playlist_for("gio-an", day).items == ()
