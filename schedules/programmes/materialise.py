"""Materialisation: a programme's rule becomes occurrences and entries up to the horizon."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, String, delete, func, insert, literal, select, true

from radio import clock
from radio.airings import operations as airing_ops
from radio.approvals import initial_state
from radio.config import current_settings
from radio.db import db
from radio.errors import DomainError
from radio.models import (
    AsRunEvent,
    EntryKind,
    Occurrence,
    OccurrenceStatus,
    Priority,
    Programme,
    ScheduleEntry,
    Station,
)
from schedules import recurrence
from schedules.entries.targeting import (
    Targets,
    all_stations,
    check_slots,
)
from schedules.entries.validation import (
    ERROR,
    Issue,
    Slot,
)
from schedules.horizon import horizon_days


@dataclass
class Materialised:
    created: int = 0
    updated: int = 0
    removed: int = 0
    kept: int = 0
    entries: int = 0
    warnings: list[Issue] = field(default_factory=list)


def aired_occurrence_ids(occurrence_ids: Iterable[int]) -> set[int]:
    """Occurrences with as-run events (something aired): they are never changed or removed."""
    ids = list(occurrence_ids)
    if not ids:
        return set()
    rows = db.session.execute(
        select(ScheduleEntry.occurrence_id)
        .join(AsRunEvent, AsRunEvent.entry_id == ScheduleEntry.id)
        .where(ScheduleEntry.occurrence_id.in_(ids)).distinct())
    return {r[0] for r in rows}


@dataclass
class _Plan:
    prog: Programme
    slots: list[Slot]
    to_remove: list[Occurrence]
    rows: list[tuple[Occurrence | None, date, datetime, datetime, list[int]]]
    entries_by_occ: dict[int, list[ScheduleEntry]]
    kept: int


def _plan(prog: Programme, *, now: datetime, until: date, tz: ZoneInfo,
          stations: list[Station]) -> _Plan:
    """What materialising one programme would change (reads only)."""
    today = now.astimezone(tz).date()
    start_day = max(prog.valid_from, today)
    end_day = min(prog.valid_until, until) if prog.valid_until else until
    wanted = set(recurrence.rule_dates(prog.rrule, prog.valid_from, start_day, end_day)) \
        if prog.active else set()
    existing = list(db.session.scalars(
        select(Occurrence).where(Occurrence.programme_id == prog.id,
                                 Occurrence.recurrence_date >= start_day)))
    aired = aired_occurrence_ids(o.id for o in existing)
    entries_by_occ: dict[int, list[ScheduleEntry]] = {}
    if existing:
        for e in db.session.scalars(select(ScheduleEntry).where(
                ScheduleEntry.occurrence_id.in_([o.id for o in existing]))):
            entries_by_occ.setdefault(e.occurrence_id, []).append(e)

    def frozen(occ: Occurrence) -> bool:
        return occ.id in aired or occ.starts_at <= now

    targets_for = Targets(prog, stations, start_day - timedelta(days=1),
                           end_day + timedelta(days=1))
    plan = _Plan(prog, [], [], [], entries_by_occ, 0)
    for occ in existing:
        if frozen(occ):
            plan.kept += 1
        elif occ.recurrence_date not in wanted or occ.status == OccurrenceStatus.cancelled:
            plan.to_remove.append(occ)
    known = {o.recurrence_date: o for o in existing}
    for day in sorted(wanted):
        occ = known.get(day)
        if occ is not None and frozen(occ):
            continue
        if occ is not None and occ.status == OccurrenceStatus.moved:
            begin, end = occ.starts_at, occ.starts_at + timedelta(seconds=prog.duration_s)
        else:
            begin, end = recurrence.local_slot(day, prog.start_time, prog.duration_s, tz)
        targets, ids = targets_for.on(begin.astimezone(tz).date())
        plan.rows.append((occ, day, begin.astimezone(UTC), end.astimezone(UTC), ids))
        if occ is None or occ.status != OccurrenceStatus.skipped:
            plan.slots += [Slot(sid, begin, end, "normal", prog.name) for sid in ids]
    return plan


def _apply(plan: _Plan, now: datetime, stamp: datetime, result: Materialised) -> list:
    """Write one programme's plan; returns the new entry rows for one bulk insert."""
    prog = plan.prog
    result.kept += plan.kept
    for occ in plan.to_remove:
        db.session.execute(delete(ScheduleEntry).where(ScheduleEntry.occurrence_id == occ.id))
        db.session.delete(occ)
        result.removed += 1
    new_entries = []
    for occ, day, begin, end, targets in plan.rows:
        if occ is None:
            occ = Occurrence(programme_id=prog.id, recurrence_date=day, starts_at=begin,
                             ends_at=end, status=OccurrenceStatus.scheduled,
                             approval=initial_state(current_settings()))
            db.session.add(occ)
            result.created += 1
            current: dict[int, ScheduleEntry] = {}
        else:
            if (occ.starts_at, occ.ends_at) != (begin, end):
                occ.starts_at, occ.ends_at = begin, end
                occ.rendered_sha256 = None
                result.updated += 1
            current = {e.station_id: e for e in plan.entries_by_occ.get(occ.id, [])}
        cancelled = now if occ.status == OccurrenceStatus.skipped else None
        fresh = []
        for sid in targets:
            entry = current.pop(sid, None)
            if entry is None:
                fresh.append(sid)
            else:
                entry.starts_at, entry.ends_at = begin, end
                entry.kind, entry.relay_station_id = live_slot(prog)
                if entry.cancelled_at is None and cancelled is not None:
                    entry.cancelled_at = cancelled
        for stale in current.values():
            db.session.delete(stale)
        if fresh:
            new_entries.append((occ, fresh, dict(
                kind=live_slot(prog)[0].value, relay_station_id=live_slot(prog)[1],
                priority=Priority.normal.value,
                cancelled_at=cancelled, created_by_id=prog.created_by_id, note="",
                created_at=stamp)))
    return new_entries


def live_slot(prog: Programme) -> tuple[EntryKind, int | None]:
    """The kind of a programme's entries and the station whose live stream they air."""
    if prog.live_station_id:
        return EntryKind.live, prog.live_station_id
    return EntryKind.programme, None


def materialise_programmes(progs: list[Programme], *, until: date | None = None,
                           now: datetime | None = None, confirm: bool = True,
                           check: bool = True,
                           stations: list[Station] | None = None) -> Materialised:
    """Make the dated occurrences and per-station entries of programmes up to `until`.

    Occurrences that started already or have as-run events are kept as they are. Future ones
    follow the rule: new dates are added, dates the rule no longer gives are removed, times
    and target stations are brought up to date. Exceptions (moved, skipped) are kept. All the
    programmes are checked together (against each other and everything else) before any write.
    """
    tz = clock.zone()
    now = now or clock.now()
    until = until or now.astimezone(tz).date() + timedelta(days=horizon_days())
    stations = stations if stations is not None else all_stations()
    plans = [_plan(p, now=now, until=until, tz=tz, stations=stations) for p in progs]
    slots = [slot for plan in plans for slot in plan.slots]
    if check and slots:
        check_slots(slots, stations={s.id: s for s in stations}, confirm=confirm,
                    exclude_programme_ids={p.id for p in progs})
    result = Materialised()
    stamp = clock.now()
    groups = [group for plan in plans for group in _apply(plan, now, stamp, result)]
    db.session.flush()
    # The database makes the per-station rows: one INSERT ... SELECT over (occurrences ×
    # stations) per group of occurrences sharing the same stations, so a year on 2,000 stations
    # (~10^6 rows) costs a handful of statements, not 10^6 bound rows or one round trip each.
    buckets: dict[tuple, list[int]] = {}
    for occ, station_ids, common in groups:
        key = (tuple(station_ids), *(common[c] for c in _CONSTANT))
        buckets.setdefault(key, []).append(occ.id)
        result.entries += len(station_ids)
    since = db.session.scalar(select(func.max(ScheduleEntry.id))) or 0
    for key, occ_ids in buckets.items():
        station_ids, constants = list(key[0]), dict(zip(_CONSTANT, key[1:], strict=True))
        for i in range(0, len(occ_ids), 500):
            db.session.execute(_entries_insert(occ_ids[i:i + 500], station_ids, constants))
    if buckets:
        airing_ops.add_missing(since)
    return result


_CONSTANT = ["kind", "relay_station_id", "priority", "cancelled_at", "created_by_id", "note", "created_at"]


def _entries_insert(occurrence_ids: list[int], station_ids: list[int], constants: dict):
    table = ScheduleEntry.__table__
    when = table.c.starts_at.type
    rows = select(
        Occurrence.id, Station.id, literal(constants["kind"], String()), Occurrence.starts_at,
        Occurrence.ends_at, literal(constants["relay_station_id"], Integer()),
        literal(constants["priority"], String()),
        literal(constants["cancelled_at"], when), literal(constants["created_by_id"], Integer()),
        literal(constants["note"], String()), literal(constants["created_at"], when),
    ).select_from(Occurrence).join(Station, true()).where(
        Occurrence.id.in_(occurrence_ids), Station.id.in_(station_ids))
    return insert(table).from_select(
        ["occurrence_id", "station_id", "kind", "starts_at", "ends_at", "relay_station_id",
         "priority",
         "cancelled_at", "created_by_id", "note", "created_at"], rows)


def materialise(prog: Programme, **kwargs) -> Materialised:
    """Materialise one programme (see materialise_programmes)."""
    return materialise_programmes([prog], **kwargs)


def materialise_all(*, until: date | None = None, now: datetime | None = None) -> Materialised:
    """Extend every active programme to the horizon (the scheduled job). Conflicting new
    occurrences are reported, not forced: the programme is skipped until an editor acts."""
    total = Materialised()
    stations = all_stations()
    for prog in db.session.scalars(select(Programme).where(Programme.active.is_(True))):
        try:
            with db.session.begin_nested():
                r = materialise(prog, until=until, now=now, confirm=True, stations=stations)
        except DomainError as exc:
            total.warnings.append(Issue(ERROR, exc.code, f"{prog.name}: {exc.message}"))
            continue
        total.created += r.created
        total.updated += r.updated
        total.removed += r.removed
        total.entries += r.entries
    return total


