"""The schedule shows "chờ duyệt", the emergency paths with and without the unit's
emergency_by_editor, the unit page's switch, and the dashboard's approval panel."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.approvals import operations as approvals
from radio.db import db
from radio.models import ApprovalState, AuditEntry, Occurrence
from radio.stations import get_station
from schedules.entries import operations as entry_ops
from tests.factories.schedules import TZ, free_day, next_weekday

pytestmark = pytest.mark.dates

NOT_AIRING = "Chưa được duyệt: sẽ không phát cho đến khi lãnh đạo duyệt."


def test_week_network_day_and_occurrence_pages_show_cho_duyet(approval_required, approver, login,
                                                              client, create_media_item,
                                                              make_programme):
    day = free_day(10)
    item = create_media_item("Thông báo tiêm chủng", 40)
    rows = entry_ops.add_entries(None, stations=[get_station("gio-an")],
                                 starts_at=datetime.combine(day, time(6, 0), tzinfo=TZ),
                                 media_id=item.id)
    approvals.submit(None, item)
    tuesday = next_weekday(2, after=free_day(12))
    prog = make_programme(valid_from=tuesday, until=tuesday)
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    db.session.commit()
    login("editor")
    week = client.get(f"/planning/stations/gio-an/week?start={day.isoformat()}").text
    block = week[week.index(f'id="entry-{rows[0].id}"') - 200:][:1500]
    assert "wk item normal  awaiting" in block
    assert f'title="{NOT_AIRING}"' in block
    assert '<span class="badge awaiting state-submitted" data-approval="submitted"' in block
    assert ">chờ duyệt</span>" in block
    network = client.get(f"/planning/?date={day.isoformat()}").text
    assert "Thông báo tiêm chủng" in network and ">chờ duyệt</span>" in network
    page = client.get(f"/planning/occurrences/{occ.id}").text
    assert 'id="occurrence-awaiting" class="flash warn" data-approval="draft"' in page
    assert NOT_AIRING in page
    approvals.approve(approver, item)
    approvals.approve(approver, occ)
    db.session.commit()
    week = client.get(f"/planning/stations/gio-an/week?start={day.isoformat()}").text
    block = week[week.index(f'id="entry-{rows[0].id}"') - 200:][:1500]
    assert "awaiting" not in block and "chờ duyệt" not in block
    assert 'id="occurrence-approved"' in client.get(f"/planning/occurrences/{occ.id}").text


def test_a_returned_item_shows_tra_lai_with_the_reason(approval_required, approver, login, client,
                                                       create_media_item):
    day = free_day(14)
    item = create_media_item("Thông báo họp dân", 40)
    rows = entry_ops.add_entries(None, stations=[get_station("gio-an")],
                                 starts_at=datetime.combine(day, time(6, 0), tzinfo=TZ),
                                 media_id=item.id)
    approvals.submit(None, item)
    approvals.return_(approver, item, "Sai ngày họp")
    db.session.commit()
    login("editor")
    week = client.get(f"/planning/stations/gio-an/week?start={day.isoformat()}").text
    block = week[week.index(f'id="entry-{rows[0].id}"'):][:1500]
    assert ">trả lại: Sai ngày họp</span>" in block
    assert "Lý do trả lại: Sai ngày họp" in block


def _send(client, item, code: str):
    form = {"media_id": str(item.id), "target": "chosen", "stations": code, "when": "now",
            "times": "2", "repeat_every": "10"}
    confirm = client.post("/emergency/new", data=form)
    assert confirm.status_code == 200
    sent = client.post("/emergency/send", data=form)
    assert sent.status_code == 302, sent.text
    return confirm.text, sent.headers["Location"]


def test_emergency_waits_for_an_approver_unless_the_unit_allows_editors(
        approval_required, login, client, create_media_item, scoped_user, unit_world):
    editor = scoped_user("editor", "cua-viet", username="editor_cua_viet_gating")
    unit = unit_world.unit("cua-viet")
    code = unit_world.station("cua-viet").code
    first = create_media_item("Khẩn: triều cường", 30)
    db.session.commit()
    login(editor.username)
    confirm, live_url = _send(client, first, code)
    assert 'data-approval="needs_approver"' in confirm
    assert first.approval == ApprovalState.submitted
    live = client.get(live_url).text
    assert 'id="emergency-awaiting" data-state="submitted"' in live
    assert ">chờ duyệt</span>" in live
    assert re.search(rf'id="approval-link" value="http://localhost/approvals/media/{first.id}"',
                     live)

    login("admin")
    unit_page = client.get(f"/network/units/{unit.code}/{unit.valid_from.isoformat()}").text
    assert 'id="unit-emergency" class="card" data-allowed="0"' in unit_page
    done = client.post(f"/network/units/{unit.code}/{unit.valid_from.isoformat()}"
                       "/emergency-by-editor", data={"allowed": "1"})
    assert done.status_code == 302
    assert unit.emergency_by_editor is True
    row = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "admin_unit.emergency_by_editor").order_by(AuditEntry.id.desc()))
    assert (row.object_id, row.before, row.after) == (
        str(unit.id), {"emergency_by_editor": False}, {"emergency_by_editor": True})

    second = create_media_item("Khẩn: sạt lở bờ sông", 30)
    db.session.commit()
    login(editor.username)
    confirm, live_url = _send(client, second, code)
    assert 'data-approval="by_editor"' in confirm
    assert "biên tập viên tự duyệt" in confirm
    assert (second.approval, second.approval_by_id) == (ApprovalState.approved, editor.id)
    assert db.session.scalar(select(AuditEntry.action).where(
        AuditEntry.object_type == "media_item", AuditEntry.object_id == str(second.id))
        .order_by(AuditEntry.id.desc()).limit(1)) == "media_item.approve_by_editor"
    assert 'id="emergency-awaiting"' not in client.get(live_url).text


def test_only_admins_may_switch_emergency_by_editor(login, client, unit_world):
    unit = unit_world.unit("cua-viet")
    db.session.commit()
    login("editor")
    refused = client.post(f"/network/units/{unit.code}/{unit.valid_from.isoformat()}"
                          "/emergency-by-editor", data={"allowed": "1"})
    assert refused.status_code == 403
    assert unit.emergency_by_editor is False


def test_the_dashboard_panel_lists_the_waiting_item_and_the_entry_that_will_not_air(
        approval_required, login, client, create_media_item):
    item = create_media_item("Thông báo lịch cắt điện", 40)
    editor = db.session.scalar(select(approvals.User).where(approvals.User.username == "editor"))
    approvals.submit(editor, item)
    item.submitted_at = clock.now() - timedelta(hours=2, minutes=1)
    soon = (clock.now() + timedelta(hours=30)).astimezone(TZ).replace(second=0, microsecond=0)
    entry_ops.add_entries(None, stations=[get_station("gio-an")], starts_at=soon,
                          media_id=item.id, confirm=True)
    db.session.commit()
    for username in ("editor", "approver", "admin"):
        login(username)
        page = client.get("/").text
        panel = page[page.index('id="approvals-panel"'):]
        panel = panel[:panel.index("</section>")]
        assert f'<tr data-media="{item.id}">' in panel
        assert f'<a href="/approvals/media/{item.id}">Thông báo lịch cắt điện</a>' in panel
        assert '<td class="wait">2 giờ 1 phút</td>' in panel
        assert ("1 mục sắp phát đang chờ duyệt:\n    Thông báo lịch cắt điện, phát lúc "
                f"{soon:%H:%M %d/%m}") in panel
    login("operator")
    assert 'id="approvals-panel"' not in client.get("/").text
