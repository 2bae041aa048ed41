"""Writes and sums of a programme occurrence's rundown (its ordered media items)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import or_, select

from radio import audit, clock
from radio.approvals import initial_state
from radio.approvals.operations import reopen
from radio.config import current_settings
from radio.db import db
from radio.models import (
    ApprovalState,
    MediaItem,
    MediaKind,
    MediaStatus,
    Occurrence,
    OccurrenceStatus,
    RundownItem,
    User,
    media_topics,
)
from radio.models.topic import Topic
from schedules.entries.util import get_media
from schedules.entries.validation import (
    Report,
    media_issues,
    overrun_issue,
    raise_if_blocking,
)
from schedules.programmes.operations import check_editable

# -- rundowns ----------------------------------------------------------------------------------

def rundown_media(occ: Occurrence) -> list[MediaItem]:
    """Intro, items and outro, as they will air."""
    prog = occ.programme
    out = [r.media_item for r in occ.rundown]
    if prog.intro_media_id:
        out.insert(0, db.session.get(MediaItem, prog.intro_media_id))
    if prog.outro_media_id:
        out.append(db.session.get(MediaItem, prog.outro_media_id))
    return [m for m in out if m is not None]


def rundown_total_s(occ: Occurrence, extra: Iterable[MediaItem] = ()) -> float:
    return sum(float(m.duration_s or 0) for m in rundown_media(occ)) + \
        sum(float(m.duration_s or 0) for m in extra)


def slot_s(occ: Occurrence) -> int:
    return int((occ.ends_at - occ.starts_at).total_seconds())


def _check_rundown(occ: Occurrence, media_ids: list[int]) -> list[MediaItem]:
    items = [get_media(int(i)) for i in media_ids]
    day = occ.starts_at.astimezone(clock.zone()).date()
    report = Report()
    report.extend(media_issues(items, day))
    prog = occ.programme
    jingles = [db.session.get(MediaItem, i) for i in (prog.intro_media_id, prog.outro_media_id) if i]
    total = sum(float(m.duration_s or 0) for m in items + [j for j in jingles if j])
    report.extend([overrun_issue(total, slot_s(occ))])
    raise_if_blocking(report.issues)
    return items


def set_rundown(actor: User | None, occ: Occurrence, media_ids: list[int]) -> Occurrence:
    """Replace the rundown with the given items in order (validated first)."""
    check_editable(occ)
    items = _check_rundown(occ, media_ids)
    before = [r.media_item_id for r in occ.rundown]
    occ.rundown.clear()
    db.session.flush()
    for pos, item in enumerate(items):
        occ.rundown.append(RundownItem(position=pos, media_item_id=item.id, media_item=item))
    occ.rendered_sha256 = None
    db.session.flush()
    after = [r.media_item_id for r in occ.rundown]
    if after != before:
        audit.record(actor, "rundown.update", "occurrence", occ.id, before={"items": before},
                     after={"items": after},
                     summary=f"{occ.programme.name} {occ.recurrence_date:%d/%m/%Y}")
        # A changed rundown must be approved again before it airs (a no-op on a draft); an
        # installation without approval (RADIO_APPROVAL=off) keeps it approved.
        if initial_state(current_settings()) != ApprovalState.approved:
            reopen(actor, occ, "rundown.update")
    return occ


def add_rundown_item(actor: User | None, occ: Occurrence, media_id: int, *,
                     repeat_next: int = 0) -> list[Occurrence]:
    """Append an item; with repeat_next=N also to the next N occurrences of the programme.
    All of them are checked before any is changed."""
    targets = [occ]
    if repeat_next:
        targets += list(db.session.scalars(
            select(Occurrence).where(Occurrence.programme_id == occ.programme_id,
                                     Occurrence.starts_at > occ.starts_at,
                                     Occurrence.status.in_([OccurrenceStatus.scheduled,
                                                            OccurrenceStatus.moved]))
            .order_by(Occurrence.starts_at).limit(int(repeat_next))))
    for o in targets:
        check_editable(o)
        _check_rundown(o, [r.media_item_id for r in o.rundown] + [media_id])
    for o in targets:
        set_rundown(actor, o, [r.media_item_id for r in o.rundown] + [media_id])
    return targets


def move_rundown_item(actor: User | None, occ: Occurrence, position: int, offset: int) -> None:
    ids = [r.media_item_id for r in occ.rundown]
    new = position + offset
    if not (0 <= position < len(ids)) or not (0 <= new < len(ids)):
        return
    ids.insert(new, ids.pop(position))
    set_rundown(actor, occ, ids)


def remove_rundown_item(actor: User | None, occ: Occurrence, position: int) -> None:
    ids = [r.media_item_id for r in occ.rundown]
    if 0 <= position < len(ids):
        ids.pop(position)
        set_rundown(actor, occ, ids)


def library_candidates(day: date, *, topic_slug: str | None = None,
                       exclude_ids: Iterable[int] = (), limit: int = 50) -> list[MediaItem]:
    """Ready items (not jingles) valid on `day`, newest first, optionally of one topic."""
    query = (select(MediaItem)
             .where(MediaItem.status == MediaStatus.ready, MediaItem.rendition_sha256.is_not(None),
                    MediaItem.kind != MediaKind.jingle,
                    or_(MediaItem.valid_from.is_(None), MediaItem.valid_from <= day),
                    or_(MediaItem.valid_until.is_(None), MediaItem.valid_until >= day))
             .order_by(MediaItem.created_at.desc(), MediaItem.id.desc()))
    if topic_slug:
        query = query.join(media_topics, media_topics.c.media_id == MediaItem.id).join(
            Topic, Topic.id == media_topics.c.topic_id).where(Topic.slug == topic_slug)
    skip = set(exclude_ids)
    return [m for m in db.session.scalars(query.limit(limit + len(skip))) if m.id not in skip][:limit]


def fill_rundown(actor: User | None, occ: Occurrence, *, topic_slug: str | None = None) -> int:
    """Append library items that fit the remaining slot time; returns how many were added."""
    check_editable(occ)
    day = occ.starts_at.astimezone(clock.zone()).date()
    left = slot_s(occ) - rundown_total_s(occ)
    ids = [r.media_item_id for r in occ.rundown]
    added = 0
    for item in library_candidates(day, topic_slug=topic_slug, exclude_ids=ids, limit=200):
        if 0 < item.duration_s <= left:
            ids.append(item.id)
            left -= item.duration_s
            added += 1
    if added:
        set_rundown(actor, occ, ids)
    return added


