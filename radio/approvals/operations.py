"""The approval steps: submit, approve, return, and back to draft on an edit. Flushes, never
commits; each step is an audit row in the chain.

    submit(actor, obj)                 draft or returned → submitted
    approve(actor, obj)                submitted (or draft) → approved; never one's own
    return_(actor, obj, reason)        submitted → returned, with a reason
    reopen(actor, obj, why)            approved → draft after an edit (the item must be
                                       approved again before it airs)
    approve_as_editor(actor, obj)      an emergency in a unit that allows editors alone

`obj` is a MediaItem or an Occurrence (anything with `ApprovalFields`). Audit actions are
"<type>.submit", "<type>.approve", "<type>.return", "<type>.reopen" and
"<type>.approve_by_editor", with the type "media_item" or "occurrence".
"""

from __future__ import annotations

from radio import audit, clock, scopes
from radio.errors import DomainError
from radio.i18n import _
from radio.models import ApprovalState, MediaItem, Occurrence, Role, User

APPROVER_ROLES = (Role.approver,)


def object_type(obj) -> str:
    if isinstance(obj, MediaItem):
        return "media_item"
    if isinstance(obj, Occurrence):
        return "occurrence"
    raise TypeError(f"not approvable: {obj!r}")


def author_of(obj) -> User | None:
    """Who wrote it: the uploader of an item, the submitter of a rundown."""
    if isinstance(obj, MediaItem):
        return obj.uploaded_by
    return obj.submitted_by


def _label(obj) -> str:
    if isinstance(obj, MediaItem):
        return obj.title
    return f"{obj.programme.name} {obj.recurrence_date:%d/%m/%Y}"


def _snapshot(obj) -> dict:
    return {"approval": obj.approval.value, "return_reason": obj.return_reason or ""}


def _record(actor: User | None, obj, step: str, before: dict, **extra) -> None:
    after = {**_snapshot(obj), **extra}
    audit.record(actor, f"{object_type(obj)}.{step}", object_type(obj), obj.id, before=before,
                 after=after, summary=_label(obj))


def submit(actor: User, obj) -> None:
    if obj.approval == ApprovalState.submitted:
        return
    if obj.approval == ApprovalState.approved:
        raise DomainError(_("Nội dung này đã được duyệt."), "already_approved")
    before = _snapshot(obj)
    obj.approval = ApprovalState.submitted
    obj.submitted_at = clock.now()
    obj.submitted_by_id = actor.id if actor is not None else None
    obj.return_reason = ""
    _record(actor, obj, "submit", before)


def check_approver(actor: User, obj) -> None:
    """An approver, in scope, and not the author: else a clear refusal."""
    if actor is None or actor.role not in APPROVER_ROLES:
        raise DomainError(_("Chỉ lãnh đạo duyệt mới được duyệt nội dung phát sóng."),
                          "not_an_approver")
    authors = {u.id for u in (author_of(obj), obj.submitted_by) if u is not None}
    if actor.id in authors:
        raise DomainError(_("Không được tự duyệt nội dung của chính mình."), "self_approval")
    units = scopes.visible_unit_ids(actor)
    author = author_of(obj)
    if units is not None and (author is None or author.unit_id not in units):
        raise DomainError(_("Nội dung này không thuộc đơn vị bạn phụ trách."), "out_of_scope")


def approve(actor: User, obj) -> None:
    if obj.approval == ApprovalState.approved:
        return
    check_approver(actor, obj)
    before = _snapshot(obj)
    obj.approval = ApprovalState.approved
    obj.approval_at = clock.now()
    obj.approval_by_id = actor.id
    obj.return_reason = ""
    _record(actor, obj, "approve", before)


def return_(actor: User, obj, reason: str) -> None:
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Cần ghi lý do trả lại."), "reason_required", field="reason")
    if obj.approval not in (ApprovalState.submitted, ApprovalState.draft):
        raise DomainError(_("Chỉ trả lại được nội dung đang chờ duyệt."), "not_submitted")
    check_approver(actor, obj)
    before = _snapshot(obj)
    obj.approval = ApprovalState.returned
    obj.approval_at = clock.now()
    obj.approval_by_id = actor.id
    obj.return_reason = reason[:1000]
    _record(actor, obj, "return", before)


def reopen(actor: User | None, obj, why: str) -> None:
    """An approved object was changed: it goes back to draft and must be approved again."""
    if obj.approval == ApprovalState.draft:
        return
    before = _snapshot(obj)
    obj.approval = ApprovalState.draft
    obj.approval_at = None
    obj.approval_by_id = None
    _record(actor, obj, "reopen", before, why=why)


def approve_as_editor(actor: User, obj) -> None:
    """An emergency sent by an editor where the unit allows it: approved without an approver,
    and recorded as such."""
    if obj.approval == ApprovalState.approved:
        return
    before = _snapshot(obj)
    obj.approval = ApprovalState.approved
    obj.approval_at = clock.now()
    obj.approval_by_id = actor.id if actor is not None else None
    _record(actor, obj, "approve_by_editor", before)
