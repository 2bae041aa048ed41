"""The approval pages: the "Chờ duyệt" list, the phone page of one item or occurrence with its
"Duyệt" and "Trả lại" buttons, and "Gửi duyệt" from the panel. The rules are
radio.approvals.operations; one commit per request; a refusal is shown on the same page and
writes nothing."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from radio import clock, scopes
from radio.approvals import operations
from radio.approvals import util as approvals
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _, _l
from radio.models import (
    BulletinText,
    MediaItem,
    Occurrence,
    Role,
    RundownItem,
    ScheduleEntry,
    Station,
)
from web.access import APPROVERS, EDITORS, READERS, allow, current_actor

MODELS = {"media": MediaItem, "occurrence": Occurrence}
KIND_OF = {"media": "media_item", "occurrence": "occurrence"}
TYPE_LABELS = {"media_item": _l("Tin bài"), "occurrence": _l("Số phát chương trình")}
REFUSED = {"not_an_approver", "self_approval", "out_of_scope"}
APPROVED = _l("Đã duyệt. Nội dung sẽ có trong danh sách phát của trạm ở lần tải tiếp theo.")


def _get(kind: str, obj_id: int, *, unauthored_ok: bool = False):
    """The object, if it exists (404) and its author's unit is in the user's scope (403). A
    rundown nobody has submitted yet has no author: an editor may still send it."""
    model = MODELS.get(kind)
    if model is None:
        abort(404)
    obj = db.session.get(model, obj_id)
    if obj is None:
        abort(404)
    if unauthored_ok and operations.author_of(obj) is None:
        return obj
    if not approvals.in_scope(current_actor(), obj):
        raise scopes.OutOfScope(_("Nội dung này không thuộc đơn vị bạn phụ trách."))
    return obj


def is_approver(user) -> bool:
    return user is not None and user.role == Role.approver


@allow(READERS)
def index():
    user = current_actor()
    kind = request.args.get("type") or None
    if kind not in (None, "media_item", "occurrence"):
        kind = None
    now = clock.now()
    if user.role == Role.editor:
        rows, mode = approvals.submitted_by(user, now=now, kind=kind), "mine"
    else:
        rows, mode = approvals.waiting(user, now=now, kind=kind), "waiting"
    return render_template("approvals/index.html", rows=rows, mode=mode, kind=kind, now=now,
                           counts=approvals.counts(user), type_labels=TYPE_LABELS,
                           approver=is_approver(user))


def _page(kind: str, obj, error: DomainError | None = None, reason: str = ""):
    now = clock.now()
    bulletin = None
    entries = []
    if isinstance(obj, MediaItem):
        bulletin = db.session.get(BulletinText, obj.id)
    else:
        entries = [r.media_item for r in obj.rundown]
    status = 200
    if error is not None:
        status = 403 if error.code in REFUSED else 400
    return render_template(
        "approvals/item.html", kind=kind, obj=obj, bulletin=bulletin, rundown=entries,
        author=operations.author_of(obj), first_air=approvals.first_air(obj, now=now),
        steps=approvals.history(obj), error=error, reason=reason, now=now,
        approver=is_approver(current_actor()), own=_own(current_actor(), obj),
        type_label=TYPE_LABELS[KIND_OF[kind]],
        stations=_stations(obj)), status


def _own(user, obj) -> bool:
    """Whether the user wrote or submitted the object (then they may not approve it)."""
    authors = {u.id for u in (operations.author_of(obj), obj.submitted_by) if u is not None}
    return user is not None and user.id in authors


def _stations(obj) -> list[str]:
    """The names of the stations whose live entries use the object (where it will air)."""
    if isinstance(obj, MediaItem):
        in_rundown = select(RundownItem.occurrence_id).where(RundownItem.media_item_id == obj.id)
        where = (ScheduleEntry.media_item_id == obj.id) | \
            ScheduleEntry.occurrence_id.in_(in_rundown)
    else:
        where = ScheduleEntry.occurrence_id == obj.id
    return list(db.session.scalars(
        select(Station.name).join(ScheduleEntry, ScheduleEntry.station_id == Station.id)
        .where(where, ScheduleEntry.cancelled_at.is_(None),
               ScheduleEntry.superseded_by_id.is_(None)).distinct().order_by(Station.name)))


@allow(READERS)
def show(kind: str, obj_id: int):
    return _page(kind, _get(kind, obj_id))


@allow(APPROVERS)
def approve(kind: str, obj_id: int):
    obj = _get(kind, obj_id)
    try:
        operations.approve(current_actor(), obj)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return _page(kind, _get(kind, obj_id), error=exc)
    flash(str(APPROVED), "success")
    return redirect(url_for("approvals.show", kind=kind, obj_id=obj_id))


@allow(APPROVERS)
def return_(kind: str, obj_id: int):
    obj = _get(kind, obj_id)
    reason = request.form.get("reason", "")
    try:
        operations.return_(current_actor(), obj, reason)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return _page(kind, _get(kind, obj_id), error=exc, reason=reason)
    flash(_("Đã trả lại cho biên tập viên kèm lý do."), "success")
    return redirect(url_for("approvals.show", kind=kind, obj_id=obj_id))


@allow(EDITORS)
def submit(kind: str, obj_id: int):
    obj = _get(kind, obj_id, unauthored_ok=True)
    try:
        operations.submit(current_actor(), obj)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        flash(_("Đã gửi duyệt."), "success")
    back = request.form.get("next") or ""
    if not back.startswith("/") or back.startswith("//"):
        back = url_for("approvals.show", kind=kind, obj_id=obj_id)
    return redirect(back)
