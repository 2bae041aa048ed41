"""Emergencies from send to end: what a send will air where, what is on air, each station's
status, and cancelling everywhere in one audited action.

One send is one batch of entries (one per station, `batch_id`); each entry has one airing per
repetition (radio.airings). Writes flush and never commit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from radio import audit, clock
from radio.airings import operations as airing_ops
from radio.airings.expand import airing_times, repeat_stop
from radio.approvals import operations as approvals
from radio.asrun.compliance import CANCELLED, PENDING, SUPERSEDED, state_of
from radio.asrun.reconcile import grace_period
from radio.db import db
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import (
    AdminUnit,
    Airing,
    AiringStatus,
    AsRunEvent,
    AsRunStatus,
    MediaItem,
    Priority,
    ScheduleEntry,
    Station,
    User,
)
from radio.models.airing import WITHDRAWN
from radio.units.queries import unit_on
from schedules.entries.approval_state import Waiting, media_waiting
from schedules.entries.util import entry_title, get_media
from schedules.entries.validation import WARNING, Issue


@dataclass
class Plan:
    """What a send will do, for the confirm screen (nothing is written)."""

    stations: list[Station]
    title: str
    times: list[datetime]  # the airings, identical on every station
    stop: datetime | None
    warnings: list[Issue] = field(default_factory=list)
    # approved | by_editor (the unit lets an editor alone approve it) | needs_approver
    approval: str = "approved"

    @property
    def total(self) -> int:
        return len(self.times) * len(self.stations)


def cap_warning() -> str:
    return _("Chưa có giờ kết thúc hay số lần: bản tin lặp lại đến khi huỷ, tối đa 24 giờ.")


# -- approval of an emergency --------------------------------------------------------------------

def editor_unit(actor: User | None) -> AdminUnit | None:
    """The current edition of the sender's unit (a merged-away unit keeps its last edition)."""
    if actor is None or actor.unit is None:
        return None
    return unit_on(actor.unit.code, clock.today()) or actor.unit


def set_emergency_by_editor(actor: User | None, unit: AdminUnit, allowed: bool) -> bool:
    """An admin lets the editors of a unit send (and so approve) emergencies alone, or stops
    it. Audited with before/after; returns whether anything changed. Flushes."""
    allowed = bool(allowed)
    if unit.emergency_by_editor == allowed:
        return False
    before = {"emergency_by_editor": unit.emergency_by_editor}
    unit.emergency_by_editor = allowed
    db.session.flush()
    audit.record(actor, "admin_unit.emergency_by_editor", "admin_unit", unit.id, before=before,
                 after={"emergency_by_editor": allowed},
                 summary=f"{unit.name} ({unit.code})")
    return True


def approval_path(actor: User | None, item: MediaItem) -> str:
    """How the item gets approved when sent: approved already, approved by the sending
    approver, by the editor alone where the unit allows it, or it waits for an approver."""
    if item.is_approved:
        return "approved"
    if actor is not None and actor.role in approvals.APPROVER_ROLES:
        try:
            approvals.check_approver(actor, item)
            return "approver"
        except DomainError:
            pass
    unit = editor_unit(actor)
    if unit is not None and unit.emergency_by_editor:
        return "by_editor"
    return "needs_approver"


def approve_for_send(actor: User | None, item: MediaItem) -> str:
    """The approval step of a send (flushes; audited by radio.approvals): returns the path."""
    path = approval_path(actor, item)
    if path == "approver":
        approvals.approve(actor, item)
    elif path == "by_editor":
        approvals.approve_as_editor(actor, item)
    elif path == "needs_approver":
        approvals.submit(actor, item)
    db.session.flush()
    return path


def plan(*, stations: list[Station], media_id: int, starts_at: datetime,
         repeat_every_s: int | None, repeat_until: datetime | None, times: int | None,
         actor: User | None = None) -> Plan:
    item = get_media(media_id)
    length = timedelta(seconds=max(item.duration_s or 0, 1))
    stop = repeat_stop(starts_at, repeat_every_s, repeat_until, times)
    at = [a for _n, a, _b in airing_times(starts_at, starts_at + length, repeat_every_s, stop)]
    warnings = []
    if repeat_every_s and repeat_until is None and not times:
        warnings.append(Issue(WARNING, "repeat_capped", cap_warning()))
    return Plan(stations, item.title, at, stop, warnings, approval_path(actor, item))


@dataclass
class StationStatus:
    station: Station
    counts: Counter
    next_at: datetime | None
    airings: list[tuple[Airing, str]]
    first_aired_at: datetime | None = None  # the first as-run aired or partial
    first_delay_s: float | None = None  # from sending to that airing (as compliance counts)


@dataclass
class Send:
    """One emergency send (a batch), with each station's status."""

    batch_id: str
    title: str
    starts_at: datetime
    stop_at: datetime | None
    repeat_every_s: int | None
    on_air: bool
    stations: list[StationStatus]
    media_id: int | None = None
    awaiting: Waiting | None = None  # its item is not approved yet: it does not air

    @property
    def first_delay_s(self) -> float | None:
        """From sending to the first airing anywhere."""
        return min((s.first_delay_s for s in self.stations if s.first_delay_s is not None),
                   default=None)

    @property
    def totals(self) -> Counter:
        out: Counter = Counter()
        for s in self.stations:
            out.update(s.counts)
        return out


def send_status(batch_id: str, *, now: datetime) -> Send:
    entries = list(db.session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.batch_id == batch_id,
                                    ScheduleEntry.priority == Priority.emergency)
        .options(selectinload(ScheduleEntry.station)).order_by(ScheduleEntry.station_id)))
    if not entries:
        raise NotFound(_("Không tìm thấy bản tin khẩn cấp."), "emergency_not_found")
    airings = list(db.session.scalars(select(Airing).where(
        Airing.entry_id.in_([e.id for e in entries])).order_by(Airing.starts_at, Airing.id)))
    reported: dict[int, list] = {}
    first_aired: dict[int, datetime] = {}  # entry id -> its first aired or partial as-run
    entry_of = {a.id: a.entry_id for a in airings}
    for aid, status, started in db.session.execute(
            select(AsRunEvent.airing_id, AsRunEvent.status, AsRunEvent.started_at).where(
                AsRunEvent.airing_id.in_([a.id for a in airings]))):
        reported.setdefault(aid, []).append(status)
        if status in (AsRunStatus.aired, AsRunStatus.partial):
            eid = entry_of[aid]
            first_aired[eid] = min(first_aired.get(eid, started), started)
    grace = grace_period()
    by_entry: dict[int, list[tuple[Airing, str]]] = {}
    for a in airings:
        by_entry.setdefault(a.entry_id, []).append((a, state_of(a, reported.get(a.id, []), now,
                                                              grace)))
    stations = []
    for e in entries:
        rows = by_entry.get(e.id, [])
        upcoming = [a.starts_at for a, st in rows if st == PENDING and a.starts_at > now]
        aired_at = first_aired.get(e.id)
        delay = max((aired_at - e.created_at).total_seconds(), 0.0) if aired_at else None
        stations.append(StationStatus(e.station, Counter(st for _a, st in rows),
                                      min(upcoming, default=None), rows, aired_at, delay))
    first = entries[0]
    on_air = any(a.ends_at > now and st not in (CANCELLED, SUPERSEDED)
                 and a.entry.cancelled_at is None for s in stations for a, st in s.airings)
    return Send(batch_id, entry_title(first), min(e.starts_at for e in entries),
                first.repeat_until, first.repeat_every_s, on_air, stations,
                first.media_item_id, media_waiting(first.media_item))


def active_sends(now: datetime) -> list[str]:
    """Batch ids of emergencies on air: not cancelled, with an airing still to come or under
    way that was not withdrawn."""
    rows = db.session.execute(
        select(ScheduleEntry.batch_id)
        .join(Airing, Airing.entry_id == ScheduleEntry.id)
        .where(ScheduleEntry.priority == Priority.emergency, Airing.ends_at > now,
               ScheduleEntry.cancelled_at.is_(None), Airing.status.not_in(WITHDRAWN),
               ScheduleEntry.batch_id.is_not(None))
        .order_by(ScheduleEntry.created_at.desc())).scalars().all()
    out = []
    for batch in rows:
        if batch not in out:
            out.append(batch)
    return out


def recent_sends(limit: int | None = 20) -> list[str]:
    """Batch ids of emergency sends, newest first."""
    sent = func.max(ScheduleEntry.created_at).label("sent")
    stmt = (select(ScheduleEntry.batch_id, sent)
            .where(ScheduleEntry.priority == Priority.emergency,
                   ScheduleEntry.batch_id.is_not(None))
            .group_by(ScheduleEntry.batch_id).order_by(sent.desc(), ScheduleEntry.batch_id))
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(db.session.scalars(stmt))


def on_air_titles(now: datetime) -> list[tuple[str, str]]:
    """(batch id, title) of each emergency on air, newest first (the banner)."""
    out = []
    for batch in active_sends(now):
        entry = db.session.scalar(select(ScheduleEntry).where(ScheduleEntry.batch_id == batch)
                                  .limit(1))
        out.append((batch, entry_title(entry)))
    return out


def cancel_everywhere(actor: User | None, batch_id: str, *, now: datetime) -> int:
    """End a send on every station at once: the remaining airings are cancelled, those aired
    (or reported) are left as they are. One audit record. Returns the airings cancelled."""
    entries = list(db.session.scalars(select(ScheduleEntry).where(
        ScheduleEntry.batch_id == batch_id, ScheduleEntry.priority == Priority.emergency)))
    if not entries:
        raise NotFound(_("Không tìm thấy bản tin khẩn cấp."), "emergency_not_found")
    live = [e for e in entries if e.cancelled_at is None]
    for e in live:
        e.cancelled_at = now
    db.session.flush()
    n = airing_ops.withdraw([e.id for e in live], now, AiringStatus.cancelled,
                            actor.id if actor else None)
    audit.record(actor, "emergency.cancel", "schedule_batch", batch_id,
                 after={"stations": len(entries), "airings_cancelled": n},
                 summary=_("Huỷ bản tin khẩn cấp “%(title)s” trên %(n)s đài/trạm",
                           title=entry_title(entries[0]), n=len(entries)))
    return n
