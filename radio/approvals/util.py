"""Reads of approval: what waits for an approver, how much, an editor's own submissions, the
first air time of approvable material, and the approval history of one object (audit rows).

    waiting(user, *, now, kind=None)   submitted items and occurrences in the user's scope
    counts(user)                       {"media_item": n, "occurrence": n, "total": n}
    submitted_by(user, *, now)         what the user sent for approval, with its state
    first_air(obj, *, now)             the first time at or after `now` that it airs
    history(obj)                       its approval steps, oldest first

Scope is by the author's unit (the uploader of an item, the submitter of a rundown): an item is
in scope when that unit is within the user's scope; unscoped users see all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from radio import scopes
from radio.approvals.operations import author_of, object_type
from radio.db import db
from radio.models import (
    ApprovalState,
    AuditEntry,
    MediaItem,
    Occurrence,
    RundownItem,
    ScheduleEntry,
    User,
)

KINDS = ("media_item", "occurrence")
STEPS = ("submit", "approve", "return", "reopen", "approve_by_editor")
SOON = timedelta(hours=24)


@dataclass
class Waiting:
    """One approvable object with its wait and its first air time (None: not scheduled)."""

    kind: str  # "media_item" | "occurrence"
    obj: MediaItem | Occurrence
    waited_s: float
    first_air: datetime | None

    @property
    def id(self) -> int:
        return self.obj.id

    @property
    def title(self) -> str:
        if isinstance(self.obj, MediaItem):
            return self.obj.title
        return f"{self.obj.programme.name} {self.obj.recurrence_date:%d/%m/%Y}"

    @property
    def author(self) -> User | None:
        return author_of(self.obj)

    def airs_soon(self, now: datetime) -> bool:
        return self.first_air is not None and self.first_air - now <= SOON


def _scoped(stmt, model, user):
    """Restrict a select of `model` to objects whose author's unit is in the user's scope."""
    units = scopes.visible_unit_ids(user)
    if units is None:
        return stmt
    author = aliased(User)
    column = model.uploaded_by_id if model is MediaItem else model.submitted_by_id
    return stmt.join(author, author.id == column).where(author.unit_id.in_(sorted(units)))


def _next_start(entry: ScheduleEntry, now: datetime) -> datetime | None:
    """The first start of an entry (or of one of its repeats) at or after `now`."""
    if entry.starts_at >= now:
        return entry.starts_at
    if not entry.repeat_every_s or entry.repeat_until is None or entry.repeat_until < now:
        return None
    step = entry.repeat_every_s
    n = -(-int((now - entry.starts_at).total_seconds()) // step)
    start = entry.starts_at + timedelta(seconds=n * step)
    return start if start <= entry.repeat_until else None


def _live_entries():
    return select(ScheduleEntry).where(ScheduleEntry.cancelled_at.is_(None),
                                       ScheduleEntry.superseded_by_id.is_(None))


def first_air(obj, *, now: datetime) -> datetime | None:
    """The first air time at or after `now` of any live schedule entry that uses `obj`: an item
    directly or in an occurrence's rundown; an occurrence through its entries."""
    if isinstance(obj, MediaItem):
        in_rundown = select(RundownItem.occurrence_id).where(RundownItem.media_item_id == obj.id)
        stmt = _live_entries().where(or_(ScheduleEntry.media_item_id == obj.id,
                                         ScheduleEntry.occurrence_id.in_(in_rundown)))
    else:
        stmt = _live_entries().where(ScheduleEntry.occurrence_id == obj.id)
    starts = [s for s in (_next_start(e, now) for e in db.session.scalars(stmt)) if s]
    return min(starts) if starts else None


def _order(rows: list[Waiting], now: datetime) -> list[Waiting]:
    """Soonest air first for what airs within 24 h, then the oldest submission first."""
    def key(w: Waiting):
        if w.airs_soon(now):
            return (0, w.first_air.timestamp(), 0.0)
        return (1, 0.0, -w.waited_s)

    return sorted(rows, key=key)


def _rows(kind: str, objs, now: datetime) -> list[Waiting]:
    return [Waiting(kind, o, max(0.0, (now - (o.submitted_at or now)).total_seconds()),
                    first_air(o, now=now)) for o in objs]


def _submitted(model, user):
    stmt = select(model).where(model.approval == ApprovalState.submitted)
    return _scoped(stmt, model, user).order_by(model.submitted_at, model.id)


def waiting(user, *, now: datetime, kind: str | None = None) -> list[Waiting]:
    """What waits for approval in the user's scope: oldest first, but what airs within 24 h
    comes first, soonest air first."""
    rows: list[Waiting] = []
    if kind in (None, "media_item"):
        rows += _rows("media_item", db.session.scalars(_submitted(MediaItem, user)), now)
    if kind in (None, "occurrence"):
        rows += _rows("occurrence", db.session.scalars(_submitted(Occurrence, user)), now)
    return _order(rows, now)


def counts(user) -> dict[str, int]:
    """How many items and occurrences wait for approval in the user's scope."""
    found = {}
    for kind, model in (("media_item", MediaItem), ("occurrence", Occurrence)):
        stmt = _submitted(model, user).with_only_columns(func.count(model.id)).order_by(None)
        found[kind] = db.session.scalar(stmt) or 0
    found["total"] = found["media_item"] + found["occurrence"]
    return found


def submitted_by(user, *, now: datetime, kind: str | None = None,
                 limit: int = 200) -> list[Waiting]:
    """What the user sent for approval (any state since), the latest submission first."""
    rows: list[Waiting] = []
    for name, model in (("media_item", MediaItem), ("occurrence", Occurrence)):
        if kind not in (None, name):
            continue
        stmt = select(model).where(model.submitted_by_id == user.id,
                                   model.submitted_at.is_not(None)) \
            .order_by(model.submitted_at.desc()).limit(limit)
        rows += _rows(name, db.session.scalars(stmt), now)
    return sorted(rows, key=lambda w: w.waited_s)


def in_scope(user, obj) -> bool:
    """Whether the object's author's unit is within the user's scope (unscoped: always)."""
    units = scopes.visible_unit_ids(user)
    if units is None:
        return True
    author = author_of(obj)
    return author is not None and author.unit_id in units


@dataclass
class Step:
    at: datetime
    step: str  # create | submit | approve | return | reopen | approve_by_editor
    username: str
    reason: str


def history(obj) -> list[Step]:
    """The approval steps of an object from the audit log, oldest first: who wrote it (an
    item's creation, step "create"), who submitted it, who approved or returned it (with the
    reason), and when it went back to draft."""
    kind = object_type(obj)
    actions = [f"{kind}.{s}" for s in STEPS] + (["media.create"] if kind == "media_item" else [])
    rows = db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == kind, AuditEntry.object_id == str(obj.id),
        AuditEntry.action.in_(actions)).order_by(AuditEntry.id))
    steps = []
    for row in rows:
        after = row.after or {}
        reason = after.get("return_reason", "") if row.action.endswith(".return") else \
            after.get("why", "")
        step = "create" if row.action == "media.create" else row.action.split(".", 1)[1]
        steps.append(Step(row.at, step, row.username, reason or ""))
    return steps
