"""The demo with approval before air required (the default of `make run`): the demo approver
approved its material through radio.approvals, two bulletins wait, and the playlists air it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from radio import clock
from radio.config import normalise_database_url
from radio.demo import WAITING_TITLES
from radio.models import ApprovalState, AuditEntry, MediaItem, Occurrence, User
from schedules.demo import CCHC_NAME
from tests.dbutil import drop_database, fresh_database_url
from tests.factories.schedules import next_weekday
from tests.live import LiveServer

pytestmark = pytest.mark.dates


def test_the_demo_with_approval_required_is_approved_by_the_approver(tmp_path):
    url = fresh_database_url(tmp_path, "approval")
    server = LiveServer(tmp_path, url, {"RADIO_APPROVAL": "required"})
    out = server.cli("init", "--demo").stdout
    assert "2 bản tin mới đang chờ lãnh đạo duyệt (biên tập viên đã gửi)." in out
    engine = create_engine(normalise_database_url(url))
    try:
        with Session(engine) as s:
            approver = s.scalar(select(User).where(User.username == "approver"))
            editor = s.scalar(select(User).where(User.username == "editor"))
            assert (approver.role.value, approver.full_name, approver.unit_id) == (
                "approver", "Lãnh đạo Trung tâm", None)
            commune = s.scalar(select(User).where(User.username == "commune_approver"))
            assert (commune.role.value, commune.unit.name) == ("approver", "Xã Cửa Việt")
            waiting = s.scalars(select(MediaItem).where(
                MediaItem.approval != ApprovalState.approved).order_by(MediaItem.id)).all()
            assert [(m.title, m.approval, m.submitted_by_id, m.uploaded_by_id)
                    for m in waiting] == [(t, ApprovalState.submitted, editor.id, editor.id)
                                          for t in WAITING_TITLES]
            # Everything else airs, approved by the demo approver (the archive years' rows were
            # made approved, before approval existed in the story's time).
            by = dict(s.execute(select(MediaItem.approval_by_id, func.count()).where(
                MediaItem.approval == ApprovalState.approved,
                MediaItem.approval_at.is_not(None)).group_by(MediaItem.approval_by_id)).all())
            assert set(by) == {approver.id} and by[approver.id] > 5
            cchc = s.scalars(select(Occurrence).join(Occurrence.programme).where(
                Occurrence.programme.has(name=CCHC_NAME))).all()
            assert cchc and {o.approval for o in cchc} == {ApprovalState.approved}
            assert {o.approval_by_id for o in cchc} == {approver.id}
            approvals = s.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action.in_(["media_item.approve", "occurrence.approve"]),
                AuditEntry.user_id == approver.id))
            assert approvals == by[approver.id] + len(cchc)
        tuesday = next_weekday(2, after=clock.today() + timedelta(days=1))
        playlist = json.loads(server.cli("playlist", "xa-cua-viet", "--date",
                                         tuesday.isoformat(), "--format", "json").stdout)
        titles = [i["title"] for i in playlist["items"] if i["kind"] == "media"]
        assert len(titles) >= 3 and not set(titles) & set(WAITING_TITLES)
        again = server.cli("init", "--demo").stdout
        assert "Dữ liệu mẫu đã có sẵn, không thay đổi gì." in again, again
    finally:
        engine.dispose()
        drop_database(url)
