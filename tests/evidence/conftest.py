"""Fixtures of the evidence tests: an aired bulletin with its provenance and approval, and the
scope tests' two-world network with a signed-in client."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from radio.approvals import operations as approvals
from radio.db import db
from radio.models import ApprovalState, BulletinText
from tests.factories.units import scoped_user, unit_world  # noqa: F401  (fixtures)

T0 = datetime(2022, 5, 10, 22, 40, tzinfo=UTC)  # 11/05/2022 05:40 local
TEXT = "UBND xã Gio An thông báo: từ ngày 01/06/2022, bộ phận một cửa tiếp nhận hồ sơ cả thứ Bảy."
SPOKEN = ("ủy ban nhân dân xã Gio An thông báo: từ ngày một tháng sáu năm hai nghìn không trăm "
          "hai mươi hai, bộ phận một cửa tiếp nhận hồ sơ cả thứ Bảy.")


@pytest.fixture
def bulletin(create_media_item, create_user, air):
    """Version 2 of a written bulletin in Bru-Vân Kiều from a Công văn: written by an editor,
    submitted, approved by an approver, spoken by espeak-ng and aired at gio-an."""
    editor = create_user("editor", username="bientap-lan")
    editor.full_name = "Nguyễn Thị Lan"
    approver = create_user("approver", username="lanhdao-hung")
    approver.full_name = "Trần Văn Hùng"
    first = create_media_item("Thông báo tiếp nhận hồ sơ thứ Bảy", audio="stored",
                              agency="phong-noi-vu", actor=editor)
    item = create_media_item("Thông báo tiếp nhận hồ sơ thứ Bảy (bản 2)", audio="stored",
                             agency="phong-noi-vu", actor=editor, author="Phòng Nội vụ huyện")
    item.language = "bru"
    item.source_doc_number = "Công văn 1273/BTTTT-TTCS"
    item.source_doc_date = date(2021, 4, 27)
    item.rights_note = "Được phép phát lại trên hệ thống truyền thanh cơ sở"
    item.version = 2
    item.previous_version_id = first.id
    item.approval = ApprovalState.draft  # the suite runs with approval off
    db.session.add(BulletinText(media_item_id=item.id, text=TEXT, spoken_text=SPOKEN,
                                engine="espeak-ng", engine_version="1.51", voice="vi",
                                rate=0.9))
    db.session.flush()
    approvals.submit(editor, item)
    approvals.approve(approver, item)
    db.session.flush()
    air("gio-an", item, T0)
    return {"item": item, "first": first, "editor": editor, "approver": approver}
