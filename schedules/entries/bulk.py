"""Several plain entries at once: move them by the same amount, or cancel them. Everything is
checked first (overlaps, windows, programme entries); nothing changes if anything is wrong."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from radio import audit, clock
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import EntryKind, ScheduleEntry, User
from schedules.entries.targeting import check_slots
from schedules.entries.util import entry_title
from schedules.entries.validation import Slot


def chosen_entries(ids: list[int]) -> list[ScheduleEntry]:
    """The live plain entries with these ids; programme entries move with their occurrence."""
    if not ids:
        raise DomainError(_("Hãy chọn ít nhất một lịch phát."), "nothing_chosen",
                          field="entries")
    rows = list(db.session.scalars(select(ScheduleEntry).where(
        ScheduleEntry.id.in_(ids)).order_by(ScheduleEntry.starts_at)))
    if len(rows) != len(set(ids)):
        raise DomainError(_("Có lịch phát đã chọn không còn tồn tại."), "entry_not_found",
                          field="entries")
    for row in rows:
        if row.kind == EntryKind.programme or row.occurrence_id is not None:
            raise DomainError(_("“%(t)s” thuộc một chuyên mục: hãy dời hoặc bỏ số phát của "
                                "chuyên mục.", t=entry_title(row)), "use_occurrence",
                              field="entries")
        if row.cancelled_at is not None:
            raise DomainError(_("“%(t)s” đã bị huỷ.", t=entry_title(row)), "already_cancelled",
                              field="entries")
    return rows


def move_entries(actor: User | None, rows: list[ScheduleEntry], delta: timedelta, *,
                 confirm: bool = False) -> int:
    if not delta:
        raise DomainError(_("Hãy nhập số ngày hoặc số phút cần dời."), "no_shift",
                          field="shift_minutes")
    stations = {r.station_id: r.station for r in rows}
    slots = [Slot(r.station_id, r.starts_at + delta, r.ends_at + delta, r.priority.value,
                  entry_title(r)) for r in rows]
    check_slots(slots, stations=stations, confirm=confirm,
                exclude_entry_ids={r.id for r in rows},
                media=[r.media_item for r in rows if r.media_item is not None])
    before = {r.id: r.starts_at.isoformat() for r in rows}
    for row in rows:
        row.starts_at, row.ends_at = row.starts_at + delta, row.ends_at + delta
    db.session.flush()
    audit.record(actor, "schedule.move", "schedule_entry", rows[0].id,
                 before={"starts_at": before},
                 after={"starts_at": {r.id: r.starts_at.isoformat() for r in rows}},
                 summary=_("Dời %(n)s lịch phát", n=len(rows)))
    return len(rows)


def cancel_entries(actor: User | None, rows: list[ScheduleEntry]) -> int:
    now = clock.now()
    for row in rows:
        row.cancelled_at = now
    db.session.flush()
    audit.record(actor, "schedule.cancel", "schedule_entry", rows[0].id,
                 after={"entries": [r.id for r in rows]},
                 summary=_("Huỷ %(n)s lịch phát", n=len(rows)))
    return len(rows)
