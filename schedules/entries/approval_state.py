"""The one rule "does this entry await approval, and why" (reads only).

Only approved material airs. An item entry awaits approval while its media item is not
approved; a programme entry while its occurrence (the rundown) is not approved or any of its
media (intro, rundown items, outro) is not. Relay and live entries carry no material of ours.
The playlist read (schedules.playlists.util) and the staff pages both use `entry_waiting`, so
the schedule and the station's playlist never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from radio.db import db
from radio.i18n import _
from radio.models import ApprovalState, EntryKind, MediaItem, Occurrence, ScheduleEntry

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
