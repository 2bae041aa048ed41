"""The one rule "does this entry await approval, and why" (reads only).

Only approved material airs. An item entry awaits approval while its media item is not
approved; a programme entry while its occurrence (the rundown) is not approved or any of its
media (intro, rundown items, outro) is not. Relay and live entries carry no material of ours.
The playlist read (schedules.playlists.util) and the staff pages both use `entry_waiting`, so
the schedule and the station's playlist never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from radio import scopes
from radio.db import db
from radio.i18n import _
from radio.models import (
    ApprovalState,
    EntryKind,
    MediaItem,
    Occurrence,
    RundownItem,
    ScheduleEntry,
)


@dataclass(frozen=True)
class Waiting:
    """Why an entry will not air yet: the state shown ("returned" wins over the others, then
    "submitted", then "draft"), a return reason if any, and what is not approved."""

    state: str  # draft | submitted | returned
    reason: str = ""
    what: tuple[str, ...] = ()  # titles of the unapproved material

    @property
    def label(self) -> str:
        return _("trả lại") if self.state == ApprovalState.returned.value else _("chờ duyệt")

    @property
    def title(self) -> str:
        text = _("Chưa được duyệt: sẽ không phát cho đến khi lãnh đạo duyệt.")
        if self.reason:
            text += " " + _("Lý do trả lại: %(reason)s", reason=self.reason)
        return text


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_RANK = {ApprovalState.returned: 0, ApprovalState.submitted: 1, ApprovalState.draft: 2}


def _waiting(objs: list[tuple[str, object]]) -> Waiting | None:
    pending = [(label, o) for label, o in objs if o is not None and not o.is_approved]
    if not pending:
        return None
    pending.sort(key=lambda p: _RANK.get(p[1].approval, 3))
    first = pending[0][1]
    reason = next((o.return_reason for _label, o in pending
                   if o.approval == ApprovalState.returned and o.return_reason), "")
    return Waiting(state=first.approval.value, reason=reason,
                   what=tuple(label for label, _o in pending))


def occurrence_material(occ: Occurrence, items_by_id: dict[int, MediaItem] | None = None
                        ) -> list[MediaItem]:
    """Intro, rundown items and outro of an occurrence (the media that would air)."""
    prog = occ.programme
    get = (items_by_id or {}).get
    out: list[MediaItem | None] = []
    if prog.intro_media_id:
        out.append(get(prog.intro_media_id) or db.session.get(MediaItem, prog.intro_media_id))
    out += [r.media_item for r in occ.rundown]
    if prog.outro_media_id:
        out.append(get(prog.outro_media_id) or db.session.get(MediaItem, prog.outro_media_id))
    return [m for m in out if m is not None]


def media_waiting(item: MediaItem | None) -> Waiting | None:
    return None if item is None else _waiting([(item.title, item)])


def occurrence_waiting(occ: Occurrence, items_by_id: dict[int, MediaItem] | None = None
                       ) -> Waiting | None:
    label = f"{occ.programme.name} {occ.recurrence_date:%d/%m/%Y}"
    return _waiting([(label, occ)] + [(m.title, m) for m in occurrence_material(occ, items_by_id)])


def entry_waiting(entry: ScheduleEntry, items_by_id: dict[int, MediaItem] | None = None
                  ) -> Waiting | None:
    """None when the entry's material is approved (or it has none); else why it waits."""
    if entry.kind == EntryKind.item:
        return media_waiting(entry.media_item)
    if entry.kind == EntryKind.programme and entry.occurrence is not None:
        return occurrence_waiting(entry.occurrence, items_by_id)
    return None


def waiting_by_entry(entry_ids) -> dict[int, Waiting]:
    """The entries among `entry_ids` that await approval, with why (for the staff pages)."""
    ids = sorted({int(i) for i in entry_ids if i})
    if not ids:
        return {}
    rows = db.session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.id.in_(ids))
        .options(selectinload(ScheduleEntry.media_item),
                 selectinload(ScheduleEntry.occurrence).selectinload(Occurrence.programme),
                 selectinload(ScheduleEntry.occurrence).selectinload(Occurrence.rundown)
                 .selectinload(RundownItem.media_item)))
    by_occ: dict[int, Waiting | None] = {}
    out = {}
    for e in rows:
        if e.kind == EntryKind.programme and e.occurrence_id is not None:
            if e.occurrence_id not in by_occ:
                by_occ[e.occurrence_id] = entry_waiting(e)
            w = by_occ[e.occurrence_id]
        else:
            w = entry_waiting(e)
        if w is not None:
            out[e.id] = w
    return out


# -- what waits (the dashboard) -----------------------------------------------------------------

def _in_scope(user, author_unit_id: int | None) -> bool:
    units = scopes.visible_unit_ids(user)
    return units is None or author_unit_id in units


def waiting_material(user, *, limit: int = 50) -> list:
    """Media items and occurrences submitted and not yet decided, oldest first, that `user`
    may see (the author's unit in scope): (object, submitted_at)."""
    out = []
    for model in (MediaItem, Occurrence):
        rows = db.session.scalars(
            select(model).where(model.approval == ApprovalState.submitted)
            .order_by(model.submitted_at, model.id).limit(limit))
        for obj in rows:
            author = obj.uploaded_by if isinstance(obj, MediaItem) else obj.submitted_by
            author = author or obj.submitted_by
            if _in_scope(user, author.unit_id if author is not None else None):
                out.append(obj)
    out.sort(key=lambda o: (o.submitted_at or _EPOCH, o.id))
    return out[:limit]


def upcoming_not_airing(station_ids, start, end) -> list[tuple[ScheduleEntry, Waiting]]:
    """Entries starting in [start, end) on these stations (None: all) that will not air because
    their material is not approved, by time."""
    query = (select(ScheduleEntry).where(ScheduleEntry.starts_at >= start,
                                         ScheduleEntry.starts_at < end,
                                         ScheduleEntry.cancelled_at.is_(None),
                                         ScheduleEntry.kind.in_([EntryKind.item,
                                                                 EntryKind.programme]))
             .order_by(ScheduleEntry.starts_at, ScheduleEntry.id))
    if station_ids is not None:
        query = query.where(ScheduleEntry.station_id.in_(list(station_ids)))
    entries = list(db.session.scalars(query))
    waiting = waiting_by_entry(e.id for e in entries)
    return [(e, waiting[e.id]) for e in entries if e.id in waiting]
