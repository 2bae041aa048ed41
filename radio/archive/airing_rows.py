"""The archive's evidence per airing: each dated airing (of a station's day, or of an item) with
its own state and the as-run events that prove it, so every repeat of an emergency shows its own
status. An event that proves no airing (recorded without a schedule) has a row of its own.
Reads only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, select, true
from sqlalchemy.orm import selectinload

from radio.airings.operations import nearest
from radio.asrun.compliance import MISSED, state_of
from radio.db import db
from radio.models import Airing, AsRunEvent, ScheduleEntry, Station, User
from radio.models.schedule_entry import RELAYED


@dataclass
class AiringRow:
    """One airing and its as-run events, or (airing None) one event that proves no airing."""

    time: datetime
    title: str
    # aired | partial | missed | pending | cancelled | superseded; for an event of its own,
    # the event's status (aired | partial | skipped | failed)
    status: str
    station: Station
    airing: Airing | None = None
    events: list[AsRunEvent] = field(default_factory=list)
    item_id: int | None = None
    scheduled_by: str = ""

    @property
    def manual(self) -> bool:
        return any(e.manual for e in self.events)

    @property
    def unreported(self) -> bool:
        """Due, not withdrawn, and no station said anything about it."""
        return self.airing is not None and not self.events and self.status == MISSED


def _entry_title(entry: ScheduleEntry) -> str:
    if entry.media_item is not None:
        return entry.media_item.title
    return entry.occurrence.programme.name if entry.occurrence else ""


def build(airings: list[Airing], events: list[AsRunEvent], *, now: datetime,
          grace: timedelta) -> list[AiringRow]:
    """Rows in time order: each airing with the events attached to it (their recorded title
    wins over today's item title), then each event attached to none of these airings."""
    by_airing: dict[int, list[AsRunEvent]] = {}
    ids = {a.id for a in airings}
    of_entry: dict[int, list[tuple[int, datetime]]] = {}
    for a in airings:
        of_entry.setdefault(a.entry_id, []).append((a.id, a.starts_at))
    alone = []
    for e in sorted(events, key=lambda e: (e.started_at, e.seq)):
        # An event not yet linked (airing_id is outside the chain) goes to its entry's nearest
        # airing, as radio.airings.operations.link_unlinked will link it.
        aid = e.airing_id if e.airing_id is not None else \
            nearest(of_entry.get(e.entry_id, []), e.started_at)
        if aid in ids:
            by_airing.setdefault(aid, []).append(e)
        else:
            alone.append(e)
    users = {uid: name for uid, name in db.session.execute(select(User.id, User.username).where(
        User.id.in_({a.entry.created_by_id for a in airings if a.entry.created_by_id})))}
    rows = []
    for a in airings:
        mine = by_airing.get(a.id, [])
        rows.append(AiringRow(
            a.starts_at, mine[0].title if mine else _entry_title(a.entry),
            state_of(a, [e.status for e in mine], now, grace), a.entry.station, a, mine,
            a.entry.media_item_id, users.get(a.entry.created_by_id, "")))
    rows += [AiringRow(e.started_at, e.title, e.status.value, e.station, None, [e],
                       e.media_item_id) for e in alone]
    return sorted(rows, key=lambda r: (r.time, r.station.name))


def _airings(*conds) -> list[Airing]:
    return list(db.session.scalars(
        select(Airing).join(ScheduleEntry, ScheduleEntry.id == Airing.entry_id)
        .where(ScheduleEntry.kind.not_in(RELAYED), *conds)
        .options(selectinload(Airing.entry).selectinload(ScheduleEntry.media_item),
                 selectinload(Airing.entry).selectinload(ScheduleEntry.station),
                 selectinload(Airing.entry).selectinload(ScheduleEntry.occurrence))
        .order_by(Airing.starts_at, Airing.id)))


def _events(airings: list[Airing], match) -> list[AsRunEvent]:
    """Events matching `match`, and those attached to one of `airings` (started elsewhere)."""
    load = selectinload(AsRunEvent.station)
    out = {e.seq: e for e in db.session.scalars(select(AsRunEvent).where(match).options(load))}
    ids = [a.id for a in airings]
    for chunk in range(0, len(ids), 900):
        for e in db.session.scalars(select(AsRunEvent).where(
                AsRunEvent.airing_id.in_(ids[chunk:chunk + 900])).options(load)):
            out.setdefault(e.seq, e)
    return list(out.values())


def station_day(station: Station, start: datetime, end: datetime, *, now: datetime,
                grace: timedelta) -> list[AiringRow]:
    """A station's airings starting in [start, end), and its events started then."""
    airings = _airings(Airing.station_id == station.id, Airing.starts_at >= start,
                       Airing.starts_at < end)
    events = _events(airings, (AsRunEvent.station_id == station.id)
                     & (AsRunEvent.started_at >= start) & (AsRunEvent.started_at < end))
    return build(airings, events, now=now, grace=grace)


def item_airings(item_id: int, start: datetime | None, end: datetime | None, *, now: datetime,
                 grace: timedelta) -> list[AiringRow]:
    """Every airing of an item's entries (in [start, end) if given), and its events."""
    span_a = [Airing.starts_at >= start, Airing.starts_at < end] if start is not None else []
    span_e = [AsRunEvent.started_at >= start, AsRunEvent.started_at < end] \
        if start is not None else []
    airings = _airings(ScheduleEntry.media_item_id == item_id, *span_a)
    events = _events(airings, (AsRunEvent.media_item_id == item_id) & and_(true(), *span_e))
    return build(airings, events, now=now, grace=grace)
