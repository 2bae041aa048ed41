"""The approval pages: the list, the phone page, approve with one POST, return with a reason,
the refusals (self-approval, an editor, another commune), and the panel on the library page."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from radio.approvals import operations
from radio.db import db
from radio.models import ApprovalState, AuditEntry, BulletinText, Occurrence
from schedules.programmes.rundowns import set_rundown

FLASH = "Đã duyệt. Nội dung sẽ có trong danh sách phát của trạm ở lần tải tiếp theo."


def _audits() -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)))


def _submitted(draft, people, title="Thông báo lịch tiếp công dân"):
    item = draft(title)
    operations.submit(people.editor, item)
    db.session.commit()
    return item


def test_an_approver_approves_from_the_phone_page_with_one_post(client, sign_in, draft, people):
    item = _submitted(draft, people)
    db.session.add(BulletinText(media_item_id=item.id, text="UBND xã thông báo lịch tiếp dân.",
                                spoken_text="ủy ban nhân dân xã", engine="espeak-ng",
                                voice="vi", rate=1.0))
    item.source_doc_number = "23/KH-UBND"
    db.session.commit()
    sign_in(people.approver)
    page = client.get(f"/approvals/media/{item.id}")
    assert page.status_code == 200
    html = page.text
    assert f'src="/library/{item.id}/audio"' in html
    assert "UBND xã thông báo lịch tiếp dân." in html
    assert "23/KH-UBND" in html and "bientap-contien" in html
    assert 'id="approve-button">Duyệt</button>' in html
    assert re.search(r'<textarea name="reason"[^>]*required', html)

    resp = client.post(f"/approvals/media/{item.id}/approve")
    assert resp.status_code == 302 and resp.location == f"/approvals/media/{item.id}"
    db.session.expire_all()
    assert item.approval == ApprovalState.approved and item.approval_by_id == people.approver.id
    after = client.get(resp.location).text
    assert FLASH in after
    assert 'id="approval-state">Đã duyệt</span>' in after
    assert "duyet-contien · duyệt" in after


def test_the_list_shows_the_wait_and_filters_by_type(client, sign_in, draft, people):
    item = _submitted(draft, people, "Tin chờ duyệt một")
    sign_in(people.approver)
    html = client.get("/approvals").text
    assert "Tin chờ duyệt một" in html and "đã chờ " in html and "chưa có lịch phát" in html
    assert f'href="/approvals/media/{item.id}"' in html
    assert "Tin chờ duyệt một" not in client.get("/approvals?type=occurrence").text
    assert "Tin chờ duyệt một" not in sign_in(people.other).get("/approvals").text


def test_self_approval_is_refused_on_the_page_and_nothing_changes(client, sign_in, draft, people):
    item = _submitted(draft, people)
    people.editor.role = "approver"
    before = _audits()
    page = sign_in(people.editor).get(f"/approvals/media/{item.id}").text
    assert 'id="own-item">Không được tự duyệt nội dung của chính mình.' in page
    assert 'id="approve-button"' not in page
    resp = client.post(f"/approvals/media/{item.id}/approve")
    assert resp.status_code == 403
    assert "Không được tự duyệt nội dung của chính mình." in resp.text
    db.session.expire_all()
    assert item.approval == ApprovalState.submitted and _audits() == before


def test_an_editor_cannot_approve_and_another_commune_is_refused(client, sign_in, draft, people):
    item = _submitted(draft, people)
    before = _audits()
    assert sign_in(people.editor2).post(f"/approvals/media/{item.id}/approve").status_code == 403
    assert sign_in(people.editor2).post(f"/approvals/media/{item.id}/return",
                                        data={"reason": "x"}).status_code == 403
    resp = sign_in(people.other).post(f"/approvals/media/{item.id}/approve")
    assert resp.status_code == 403
    assert "Nội dung này không thuộc đơn vị bạn phụ trách." in resp.text
    assert sign_in(people.other).get(f"/approvals/media/{item.id}").status_code == 403
    db.session.expire_all()
    assert item.approval == ApprovalState.submitted and _audits() == before


def test_a_return_needs_a_reason_and_the_editor_sees_it(client, sign_in, draft, people):
    item = _submitted(draft, people)
    before = _audits()
    resp = sign_in(people.approver).post(f"/approvals/media/{item.id}/return",
                                         data={"reason": "   "})
    assert resp.status_code == 400 and "Cần ghi lý do trả lại." in resp.text
    db.session.expire_all()
    assert item.approval == ApprovalState.submitted and _audits() == before
    resp = client.post(f"/approvals/media/{item.id}/return",
                       data={"reason": "Sai ngày văn bản"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert item.approval == ApprovalState.returned

    sign_in(people.editor)
    library = client.get(f"/library/{item.id}").text
    assert "Trả lại: Sai ngày văn bản" in library
    assert f'action="/approvals/media/{item.id}/submit"' in library
    assert "Trả lại: Sai ngày văn bản" in client.get("/approvals").text


def test_an_editor_submits_from_the_library_panel(client, sign_in, draft, people):
    item = draft("Tin mới viết")
    sign_in(people.editor)
    library = client.get(f"/library/{item.id}").text
    assert '<span class="badge approval draft">Bản nháp</span>' in library
    resp = client.post(f"/approvals/media/{item.id}/submit", data={"next": f"/library/{item.id}"})
    assert resp.status_code == 302 and resp.location == f"/library/{item.id}"
    db.session.expire_all()
    assert item.approval == ApprovalState.submitted and item.submitted_by_id == people.editor.id
    assert '<span class="badge approval submitted">Chờ duyệt</span>' in \
        client.get(f"/library/{item.id}").text
    # an approver may not submit, and an auditor may not either
    assert sign_in(people.approver).post(f"/approvals/media/{item.id}/submit").status_code == 403
    panel = client.get(f"/library/{item.id}").text
    assert f'href="/approvals/media/{item.id}">Mở trang duyệt</a>' in panel


def test_an_occurrence_rundown_is_approved_from_its_page(
        client, sign_in, draft, people, make_programme):
    prog = make_programme("Chuyên mục Cải cách hành chính")
    occ = db.session.scalars(select(Occurrence).where(Occurrence.programme_id == prog.id)
                             .order_by(Occurrence.starts_at)).first()
    item = draft("Tin trong số phát")
    set_rundown(people.editor, occ, [item.id])
    occ.approval = ApprovalState.draft
    operations.submit(people.editor, occ)
    db.session.commit()

    sign_in(people.approver)
    html = client.get("/approvals?type=occurrence").text
    assert f'href="/approvals/occurrence/{occ.id}"' in html
    page = client.get(f"/approvals/occurrence/{occ.id}").text
    assert "Chuyên mục Cải cách hành chính" in page and "1. Tin trong số phát" in page
    assert f'src="/library/{item.id}/audio"' in page
    resp = client.post(f"/approvals/occurrence/{occ.id}/approve")
    assert resp.status_code == 302
    db.session.expire_all()
    assert occ.approval == ApprovalState.approved and occ.approval_by_id == people.approver.id
    assert FLASH in client.get(resp.location).text
