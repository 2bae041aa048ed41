"""Approval steps are audit rows in the chain (and `radio archive verify` passes); the reads
of radio.approvals.util: what waits, for how long, the first air time, counts and history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from radio import audit, chain, clock, numbers
from radio.approvals import operations
from radio.approvals import util as approvals
from radio.archive.verify import verify_database
from radio.db import db
from radio.errors import DomainError
from radio.models import ApprovalState, AuditEntry


def _steps(item) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_type == "media_item", AuditEntry.object_id == str(item.id))
        .order_by(AuditEntry.id)))


def test_approve_return_and_reopen_are_chained_audit_rows_and_verify_passes(
        runner, draft, people):
    item = draft()
    operations.submit(people.editor, item)
    operations.return_(people.approver, item, "Thiếu nguồn văn bản")
    operations.submit(people.editor, item)
    operations.approve(people.approver, item)
    operations.reopen(people.editor, item, "sửa tiêu đề")
    db.session.commit()
    assert _steps(item) == ["media.create", "media_item.submit", "media_item.return", "media_item.submit",
                            "media_item.approve", "media_item.reopen"]
    rows = list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "media_item", AuditEntry.object_id == str(item.id))
        .order_by(AuditEntry.id)))
    for row in rows:  # each step is a link of the audit chain
        assert row.row_hash == chain.link(row.prev_hash, audit.audit_content(row))
    assert rows[2].after == {"approval": "returned", "return_reason": "Thiếu nguồn văn bản"}
    assert rows[5].after == {"approval": "draft", "return_reason": "", "why": "sửa tiêu đề"}
    assert item.approval == ApprovalState.draft and item.approval_by_id is None

    report = verify_database(files=False)
    assert report.ok, [p.message for p in report.problems]
    result = runner.invoke(args=["archive", "verify", "--no-files"])
    assert result.exit_code == 0, result.output

    steps = approvals.history(item)
    assert [(s.step, s.username, s.reason) for s in steps] == [
        ("create", "bientap-contien", ""), ("submit", "bientap-contien", ""), ("return", "duyet-contien", "Thiếu nguồn văn bản"),
        ("submit", "bientap-contien", ""), ("approve", "duyet-contien", ""),
        ("reopen", "bientap-contien", "sửa tiêu đề")]


def test_a_commune_approver_cannot_approve_another_communes_item(draft, people):
    item = draft()
    operations.submit(people.editor, item)
    with pytest.raises(DomainError) as exc:
        operations.approve(people.other, item)
    assert exc.value.code == "out_of_scope"
    assert item.approval == ApprovalState.submitted
    assert approvals.waiting(people.other, now=clock.now()) == []
    assert approvals.counts(people.other) == {"media_item": 0, "occurrence": 0, "total": 0}


def test_waiting_shows_the_wait_and_the_first_air_soonest_first(
        draft, people, create_plain_entry):
    now = clock.now().replace(microsecond=0)
    early, late, unscheduled = draft("Tin A"), draft("Tin B"), draft("Tin C")
    for item, ago in ((early, timedelta(hours=2, minutes=15)), (late, timedelta(hours=5)),
                      (unscheduled, timedelta(days=2))):
        operations.submit(people.editor, item)
        item.submitted_at = now - ago
    # Tin A airs in 3 days, Tin B in 6 hours (twice: the earlier start counts).
    create_plain_entry("gio-an", now + timedelta(days=3), early)
    create_plain_entry("gio-an", now + timedelta(hours=9), late)
    create_plain_entry("gio-mai", now + timedelta(hours=6), late)
    db.session.commit()

    rows = approvals.waiting(people.approver, now=now)
    assert [w.title for w in rows] == ["Tin B", "Tin C", "Tin A"]  # B airs within 24 h
    by_title = {w.title: w for w in rows}
    assert numbers.duration(by_title["Tin A"].waited_s, lang="vi") == "2 giờ 15 phút"
    assert by_title["Tin A"].first_air == now + timedelta(days=3)
    assert by_title["Tin B"].first_air == now + timedelta(hours=6)
    assert by_title["Tin C"].first_air is None
    assert [w.author.username for w in rows] == ["bientap-contien"] * 3
    assert approvals.counts(people.approver) == {"media_item": 3, "occurrence": 0, "total": 3}
    assert approvals.waiting(people.approver, now=now, kind="occurrence") == []
    mine = approvals.submitted_by(people.editor, now=now)
    assert [w.title for w in mine] == ["Tin A", "Tin B", "Tin C"]  # latest submission first
