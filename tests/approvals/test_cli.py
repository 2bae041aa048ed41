"""`radio media submit|approve|return`: the steps, their --json, and their errors (exit 2)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select

from radio.db import db
from radio.models import ApprovalState, AuditEntry, Occurrence


def _audit_count() -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)))


def _json(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_submit_then_approve_with_json(runner, draft, people):
    item = draft()
    assert item.approval == ApprovalState.draft
    out = _json(runner.invoke(args=["media", "submit", str(item.id), "--by", "bientap-contien",
                                    "--json"]))
    assert (out["id"], out["status"], out["by"]) == (item.id, "submitted", "bientap-contien")
    assert datetime.fromisoformat(out["at"]) == item.submitted_at
    out = _json(runner.invoke(args=["media", "approve", str(item.id), "--by", "duyet-contien",
                                    "--json"]))
    assert sorted(out) == ["at", "by", "id", "status"]
    assert (out["id"], out["status"], out["by"]) == (item.id, "approved", "duyet-contien")
    db.session.refresh(item)
    assert item.approval == ApprovalState.approved and item.approval_by_id == people.approver.id
    assert datetime.fromisoformat(out["at"]) == item.approval_at


def test_plain_output_and_return_with_a_reason(runner, draft, people):
    item = draft()
    result = runner.invoke(args=["media", "submit", str(item.id), "--by", "bientap-contien"])
    assert result.exit_code == 0 and result.output.strip() == f"Số {item.id}: chờ duyệt."
    result = runner.invoke(args=["media", "return", str(item.id), "--by", "duyet-contien",
                                 "--reason", "Sai  số văn bản", "--json"])
    out = _json(result)
    assert (out["status"], out["by"]) == ("returned", "duyet-contien")
    db.session.refresh(item)
    assert item.approval == ApprovalState.returned and item.return_reason == "Sai số văn bản"


def _refused(runner, args, message, item, state):
    before = _audit_count()
    result = runner.invoke(args=args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    db.session.expire_all()
    assert item.approval == state
    assert _audit_count() == before


def test_self_approval_is_refused_and_changes_nothing(runner, draft, people):
    item = draft()
    people.editor.role = "approver"  # the author became an approver: still not their own item
    db.session.commit()
    assert _json(runner.invoke(args=["media", "submit", str(item.id), "--by", "bientap-contien",
                                     "--json"]))["status"] == "submitted"
    _refused(runner, ["media", "approve", str(item.id), "--by", "bientap-contien"],
             "Lỗi: Không được tự duyệt nội dung của chính mình.", item, ApprovalState.submitted)


def test_errors_exit_2_with_a_clear_message(runner, draft, people):
    item = draft()
    runner.invoke(args=["media", "submit", str(item.id), "--by", "bientap-contien"])
    db.session.expire_all()
    sub = ApprovalState.submitted
    _refused(runner, ["media", "approve", "999999", "--by", "duyet-contien"],
             "Lỗi: không có mục âm thanh số 999999.", item, sub)
    _refused(runner, ["media", "approve", str(item.id), "--by", "khong-co-ai"],
             "Lỗi: không có tài khoản “khong-co-ai”.", item, sub)
    _refused(runner, ["media", "approve", str(item.id), "--by", "bientap2-contien"],
             "Lỗi: Chỉ lãnh đạo duyệt mới được duyệt nội dung phát sóng.", item, sub)
    _refused(runner, ["media", "approve", str(item.id), "--by", "duyet-cuaviet"],
             "Lỗi: Nội dung này không thuộc đơn vị bạn phụ trách.", item, sub)
    _refused(runner, ["media", "return", str(item.id), "--by", "duyet-contien"],
             "Lỗi: Cần ghi lý do trả lại.", item, sub)
    _refused(runner, ["media", "return", str(item.id), "--by", "duyet-contien", "--reason", "  "],
             "Lỗi: Cần ghi lý do trả lại.", item, sub)
    result = runner.invoke(args=["media", "approve", str(item.id)])
    assert result.exit_code == 2 and "--by" in result.output  # click: a missing option


def test_an_unscoped_approver_approves_any_item(runner, draft):
    item = draft()
    runner.invoke(args=["media", "submit", str(item.id), "--by", "bientap-contien"])
    out = _json(runner.invoke(args=["media", "approve", str(item.id), "--by", "duyet-toanmang",
                                    "--json"]))
    assert out["status"] == "approved"


def test_radio_occurrence_submit_approve_return(runner, people, make_programme):
    prog = make_programme("Chuyên mục Pháp luật")
    first, second = db.session.scalars(select(Occurrence).where(
        Occurrence.programme_id == prog.id).order_by(Occurrence.starts_at).limit(2))
    for occ in (first, second):
        occ.approval = ApprovalState.draft
    db.session.commit()
    out = _json(runner.invoke(args=["occurrence", "submit", str(first.id), "--by",
                                    "bientap-contien", "--json"]))
    assert (out["id"], out["status"]) == (first.id, "submitted")
    out = _json(runner.invoke(args=["occurrence", "approve", str(first.id), "--by",
                                    "duyet-contien", "--json"]))
    assert (out["status"], out["by"]) == ("approved", "duyet-contien")
    runner.invoke(args=["occurrence", "submit", str(second.id), "--by", "bientap-contien"])
    out = _json(runner.invoke(args=["occurrence", "return", str(second.id), "--by",
                                    "duyet-contien", "--reason", "Thiếu tin", "--json"]))
    assert out["status"] == "returned"
    result = runner.invoke(args=["occurrence", "approve", "999999", "--by", "duyet-contien"])
    assert result.exit_code == 2 and "Lỗi: không có số phát 999999." in result.output
