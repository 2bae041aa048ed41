"""The evidence card's "Nguồn và biên tập": provenance, the bulletin text and how it was
spoken, who wrote and who approved it, the approval steps, and the scope rules."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from radio.approvals import operations as approvals
from radio.archive import editorial
from radio.db import db
from radio.models import ApprovalState
from tests.evidence.conftest import SPOKEN, T0, TEXT


def _block(page: str) -> str:
    return page.split('<section id="editorial">', 1)[1].split("</section>", 1)[0]


def _dd(block: str, key: str) -> str:
    found = re.search(rf'<dd[^>]*\bid="{key}"[^>]*>(.*?)</dd>', block, re.S)
    assert found, key
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def test_the_card_shows_source_bulletin_writer_and_approver(client, login, bulletin, app):
    item, approver = bulletin["item"], bulletin["approver"]
    db.session.commit()
    login("auditor")
    page = client.get(f"/archive/item/{item.id}").get_data(as_text=True)
    block = _block(page)
    assert "Nguồn và biên tập" in page
    assert _dd(block, "ed-agency") == "Phòng Nội vụ"
    assert _dd(block, "ed-source") == "Công văn 1273/BTTTT-TTCS, 27/04/2021"
    assert _dd(block, "ed-author") == "Phòng Nội vụ huyện"
    assert _dd(block, "ed-rights") == "Được phép phát lại trên hệ thống truyền thanh cơ sở"
    assert _dd(block, "ed-language") == "Tiếng Bru-Vân Kiều (bru)"
    assert _dd(block, "ed-version") == "2 · bản trước (1)"
    assert f'id="ed-previous" href="/archive/item/{bulletin["first"].id}"' in block
    assert _dd(block, "ed-text") == TEXT
    spoken = re.search(r'<details id="ed-spoken">.*?<div class="transcript">(.*?)</div>',
                       block, re.S)
    assert html.unescape(spoken.group(1)) == SPOKEN
    assert _dd(block, "ed-engine") == "espeak-ng 1.51"
    assert _dd(block, "ed-voice") == "vi"
    assert _dd(block, "ed-rate") == "0,90"
    assert _dd(block, "ed-writer") == "Nguyễn Thị Lan (bientap-lan)"
    tz = app.config["RADIO_SETTINGS"].tz
    when = item.approval_at.astimezone(tz).strftime("%d/%m/%Y %H:%M")
    assert _dd(block, "ed-approver") == f"Trần Văn Hùng (lanhdao-hung) · duyệt lúc {when}"
    steps = re.findall(r'data-action="([a-z_.]+)">([^<]+)</td>', block)
    assert steps == [("media_item.submit", "Gửi duyệt"), ("media_item.approve", "Duyệt")]
    # the previous version's card links forward to this one
    first = client.get(f"/archive/item/{bulletin['first'].id}").get_data(as_text=True)
    assert f'class="ed-next" href="/archive/item/{item.id}"' in first
    assert _dd(_block(first), "ed-version") == "1 · bản sau (2)"
    assert approver.username not in _block(first)
    assert "Bản tin văn bản" not in _block(first)  # no BulletinText: no bulletin block
    client.get("/lang/en")  # the English pages name the language in English
    english = _block(client.get(f"/archive/item/{item.id}").get_data(as_text=True))
    assert _dd(english, "ed-language") == "Bru (bru)"


def test_a_return_with_its_reason_and_a_reopen_are_on_the_card(client, login, bulletin,
                                                                create_media_item, air):
    editor, approver = bulletin["editor"], bulletin["approver"]
    item = create_media_item("Lịch tiếp công dân tháng 6", audio="stored", actor=editor)
    item.approval = ApprovalState.draft
    approvals.submit(editor, item)
    approvals.return_(approver, item, "Thiếu số văn bản nguồn")
    approvals.submit(editor, item)
    approvals.approve(approver, item)
    approvals.reopen(editor, item, "sửa tiêu đề")
    air("gio-an", item, T0 + timedelta(hours=2))
    db.session.commit()
    login("auditor")
    block = _block(client.get(f"/archive/item/{item.id}").get_data(as_text=True))
    rows = re.findall(r'data-action="([a-z_.]+)">[^<]+</td><td>([^<]*)</td>', block)
    assert rows == [("media_item.submit", "—"), ("media_item.return", "Thiếu số văn bản nguồn"),
                    ("media_item.submit", "—"), ("media_item.approve", "—"),
                    ("media_item.reopen", "sửa tiêu đề")]
    assert _dd(block, "ed-approver") == "Bản nháp, chưa gửi duyệt"
    assert _dd(block, "ed-source") == "—"
    assert _dd(block, "ed-language") == "Tiếng Việt (vi)"


def test_material_approved_without_an_approver(client, login, create_media_item, air, app):
    item = create_media_item("Tin cũ năm 2022", audio="stored")  # approval off: approved
    air("gio-mai", item, T0)
    db.session.commit()
    login("auditor")
    page = client.get(f"/archive/item/{item.id}").get_data(as_text=True)
    assert _dd(_block(page), "ed-approver") == "Không yêu cầu duyệt"
    assert _dd(_block(page), "ed-writer") == "—"


def test_an_auditor_of_another_commune_does_not_see_the_card(client, sign_in, unit_world,
                                                             scoped_user, create_media_item,
                                                             air):
    item = create_media_item("Tin của xã Gio An", audio="stored")
    air(unit_world.station("gio-an"), item, T0)
    outsider = scoped_user("auditor", "cua-viet", username="kiemtra-cuaviet")
    insider = scoped_user("auditor", "con-tien", username="kiemtra-contien")
    resp = sign_in(outsider).get(f"/archive/item/{item.id}")
    assert resp.status_code == 403
    assert "Nguồn và biên tập" not in resp.get_data(as_text=True)
    resp = sign_in(insider).get(f"/archive/item/{item.id}")
    assert resp.status_code == 200
    assert "Nguồn và biên tập" in resp.get_data(as_text=True)


def test_an_emergency_approved_by_an_editor_alone_says_so(client, login, bulletin,
                                                          create_media_item, air, app):
    editor = bulletin["editor"]
    item = create_media_item("Tin khẩn: nước lũ lên nhanh", audio="stored", actor=editor)
    item.approval = ApprovalState.draft
    approvals.approve_as_editor(editor, item)
    air("gio-an", item, T0 + timedelta(hours=3))
    db.session.commit()
    login("auditor")
    block = _block(client.get(f"/archive/item/{item.id}").get_data(as_text=True))
    when = item.approval_at.astimezone(app.config["RADIO_SETTINGS"].tz).strftime("%d/%m/%Y %H:%M")
    assert _dd(block, "ed-approver") == (
        f"Tin khẩn do biên tập viên phát, không cần lãnh đạo duyệt: bientap-lan · {when}")
    assert re.findall(r'data-action="([a-z_.]+)"', block) == ["media_item.approve_by_editor"]


def test_approved_with_no_approver_predates_the_workflow_where_approval_is_required(
        create_media_item):
    item = create_media_item("Tin năm 2022")  # approved, as the migration left old items
    assert editorial.editorial(item, approval_required=True).approval_note == "before_workflow"
    assert editorial.editorial(item, approval_required=False).approval_note == "not_required"
    item.approval = ApprovalState.submitted
    record = editorial.editorial(item, approval_required=True)
    assert (record.approval_note, record.approver, record.approved_at) == ("submitted", None, None)
