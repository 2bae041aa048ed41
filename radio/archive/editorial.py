"""The editorial record of an item for its evidence card and the verification package: where it
came from (agency, source document, author, rights, language), its versions, the bulletin text
and how it was spoken, who wrote it, who approved it and when, and the approval steps from the
audit log. Reads only; nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from radio.db import db
from radio.models import ApprovalState, AuditEntry, BulletinText, Language, MediaItem, User

# The audited approval steps of an item (radio.approvals.operations), in the card's words.
STEP_ACTIONS = ("media_item.submit", "media_item.approve", "media_item.approve_by_editor",
                "media_item.return", "media_item.reopen")


@dataclass
class Step:
    at: datetime
    username: str
    action: str
    reason: str = ""  # a return's reason, or why an approved item was reopened


@dataclass
class Editorial:
    item: MediaItem
    language_name: str  # from `languages`, in Vietnamese
    language_name_en: str  # its English name, for the English pages (the code if none)
    bulletin: BulletinText | None
    writer: User | None
    approver: User | None
    approved_at: datetime | None
    # "approved" (by an approver), "editor" (an emergency approved by an editor alone),
    # "before_workflow" (approved with no approver: it predates approval),
    # "not_required" (approved with no approver while approval is off), or the item's
    # state ("draft", "submitted", "returned")
    approval_note: str
    previous: MediaItem | None = None
    next_versions: list[MediaItem] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    @property
    def source_document(self) -> str:
        """"1273/BTTTT-TTCS, 27/04/2021": the number and the date, whichever are known."""
        return source_document(self.item.source_doc_number, self.item.source_doc_date)


def source_document(number: str | None, day: date | None) -> str:
    parts = [(number or "").strip(), day.strftime("%d/%m/%Y") if day else ""]
    return ", ".join(p for p in parts if p)


def bulletins_of(item_ids) -> dict[int, BulletinText]:
    ids = list(item_ids)
    if not ids:
        return {}
    return {b.media_item_id: b for b in db.session.scalars(
        select(BulletinText).where(BulletinText.media_item_id.in_(ids)))}


def writer_of(item: MediaItem) -> User | None:
    """Who wrote it: the uploader, else who submitted it for approval."""
    return item.uploaded_by or item.submitted_by


def _steps(item_id: int) -> list[Step]:
    rows = db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "media_item", AuditEntry.object_id == str(item_id),
        AuditEntry.action.in_(STEP_ACTIONS)).order_by(AuditEntry.at, AuditEntry.id))
    out = []
    for row in rows:
        after = row.after if isinstance(row.after, dict) else {}
        reason = after.get("return_reason", "") if row.action == "media_item.return" else \
            after.get("why", "") if row.action == "media_item.reopen" else ""
        out.append(Step(row.at, row.username, row.action, str(reason or "")))
    return out


def _approval_note(item: MediaItem, steps: list[Step], approval_required: bool) -> str:
    if item.approval != ApprovalState.approved:
        return item.approval.value
    if item.approval_by_id is None:
        return "before_workflow" if approval_required else "not_required"
    last = next((s for s in reversed(steps) if s.action.startswith("media_item.approve")), None)
    if last is not None and last.action == "media_item.approve_by_editor":
        return "editor"
    return "approved"


def editorial(item: MediaItem, *, approval_required: bool = True) -> Editorial:
    """The editorial record of one item (`approval_required`: the installation's setting, which
    tells an item approved before the workflow from one made while approval was off)."""
    steps = _steps(item.id)
    language = db.session.get(Language, item.language)
    approved = item.approval == ApprovalState.approved
    previous = db.session.get(MediaItem, item.previous_version_id) \
        if item.previous_version_id else None
    return Editorial(
        item=item,
        language_name=language.name if language else item.language,
        language_name_en=(language.name_en or language.code) if language else item.language,
        bulletin=db.session.get(BulletinText, item.id),
        writer=writer_of(item),
        approver=item.approval_by if approved else None,
        approved_at=item.approval_at if approved and item.approval_by_id else None,
        approval_note=_approval_note(item, steps, approval_required),
        previous=previous,
        next_versions=list(db.session.scalars(select(MediaItem).where(
            MediaItem.previous_version_id == item.id).order_by(MediaItem.id))),
        steps=steps,
    )
