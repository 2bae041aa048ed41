"""Writes of the scheduling feature: programmes, occurrences, rundowns, entries, emergencies.

Every function takes plain values and the acting user, validates before it writes, flushes and
never commits (the request, command or job commits once).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, String, delete, insert, literal, or_, select, true, update
from sqlalchemy.orm import aliased, selectinload

from radio import audit
from radio.db import db
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import (
    AsRunEvent,
    EntryKind,
    MediaItem,
    MediaKind,
    MediaStatus,
    Occurrence,
    OccurrenceStatus,
    Priority,
    Programme,
    ProgrammeTarget,
    RundownItem,
    ScheduleEntry,
    Station,
    StationKind,
    User,
    media_topics,
)
from radio.models.topic import Topic
from radio.stations import get_station
from schedules import recurrence
from schedules.validation import (
    ERROR,
    Busy,
    Issue,
    Report,
    Slot,
    media_issues,
    overlap_issues,
    overrun_issue,
    raise_if_blocking,
    station_issues,
    window_issues,
)

DEFAULT_HORIZON_DAYS = 56
PROGRAMME_FIELDS = ["name", "rrule", "start_time", "duration_s", "valid_from", "valid_until",
                    "target", "intro_media_id", "outro_media_id", "active"]


def zone() -> ZoneInfo:
    try:
        from flask import current_app

        return current_app.config["RADIO_SETTINGS"].tz
    except (RuntimeError, KeyError):
        return ZoneInfo("Asia/Ho_Chi_Minh")


def horizon_days() -> int:
    try:
        from flask import current_app

        return int(current_app.config["RADIO_SETTINGS"].extra.get("materialise_days")
                   or _env_int("RADIO_MATERIALISE_DAYS", DEFAULT_HORIZON_DAYS))
    except RuntimeError:
        return _env_int("RADIO_MATERIALISE_DAYS", DEFAULT_HORIZON_DAYS)


def _env_int(name: str, default: int) -> int:
    import os

    value = os.environ.get(name, "")
    return int(value) if value.isdigit() else default


def now_utc() -> datetime:
    return datetime.now(UTC)


# -- stations ----------------------------------------------------------------------------------

def all_stations() -> list[Station]:
    return list(db.session.scalars(select(Station).order_by(Station.id)
                                   .options(selectinload(Station.windows))))


def _pick(target: ProgrammeTarget | str, chosen_ids: Iterable[int],
          stations: list[Station]) -> list[Station]:
    target = ProgrammeTarget(target)
    chosen = set(chosen_ids)
    return [s for s in stations if
            (target == ProgrammeTarget.all)
            or (target == ProgrammeTarget.district and s.kind == StationKind.district)
            or (target == ProgrammeTarget.communes and s.kind == StationKind.commune)
            or (target == ProgrammeTarget.chosen and s.id in chosen)]


def target_stations(target: ProgrammeTarget | str, chosen_ids: Iterable[int], day: date,
                    stations: list[Station] | None = None) -> list[Station]:
    """The stations a target means on a date (stations closed that day are left out)."""
    rows = stations if stations is not None else all_stations()
    return [s for s in _pick(target, chosen_ids, rows) if s.exists_on(day)]


class _Targets:
    """target_stations for the many dates of one programme: the choice is made once, and the
    per-date check only runs when some station opens or closes inside [first, last]."""

    def __init__(self, prog: Programme, stations: list[Station], first: date, last: date):
        self.all = _pick(prog.target, [s.id for s in prog.stations], stations)
        self.bounded = any(not (s.valid_from <= first and (s.valid_to is None or s.valid_to >= last))
                           for s in self.all)

        self.all_ids = [s.id for s in self.all]

    def on(self, day: date) -> tuple[list[Station], list[int]]:
        """The stations open on `day`, and their ids."""
        if not self.bounded:
            return self.all, self.all_ids
        open_ = [s for s in self.all if s.exists_on(day)]
        return open_, [s.id for s in open_]


def stations_by_codes(codes: Iterable[str]) -> list[Station]:
    out, seen = [], set()
    for code in codes:
        code = code.strip()
        if code and code not in seen:
            seen.add(code)
            out.append(get_station(code))
    return out


def stations_for_choice(*, codes: Iterable[str] = (), all_communes: bool = False,
                        everything: bool = False, on: date | None = None) -> list[Station]:
    """Resolve the station choice of a form or the CLI (codes, all communes or all)."""
    if everything or all_communes:
        target = ProgrammeTarget.all if everything else ProgrammeTarget.communes
        rows = target_stations(target, [], on or now_utc().astimezone(zone()).date())
    else:
        rows = stations_by_codes(codes)
    if not rows:
        raise DomainError(_("Hãy chọn ít nhất một đài/trạm."), "no_station", field="stations")
    return rows


# -- busy time ---------------------------------------------------------------------------------

def busy_between(station_ids: Iterable[int], start: datetime, end: datetime, *,
                 exclude_entry_ids: set[int] = frozenset(),
                 exclude_programme_ids: set[int] = frozenset()) -> list[Busy]:
    """Existing, non-cancelled entries of the stations overlapping [start, end).

    Reads plain columns (no ORM objects): materialising a year checks ~10^5 rows at once."""
    ids = list(station_ids)
    if not ids:
        return []
    relay = aliased(Station)
    query = (select(ScheduleEntry.id, ScheduleEntry.station_id, ScheduleEntry.starts_at,
                    ScheduleEntry.ends_at, ScheduleEntry.priority, ScheduleEntry.kind,
                    Programme.name, MediaItem.title, relay.name, ScheduleEntry.relay_url,
                    ScheduleEntry.note)
             .outerjoin(Occurrence, Occurrence.id == ScheduleEntry.occurrence_id)
             .outerjoin(Programme, Programme.id == Occurrence.programme_id)
             .outerjoin(MediaItem, MediaItem.id == ScheduleEntry.media_item_id)
             .outerjoin(relay, relay.id == ScheduleEntry.relay_station_id)
             .where(ScheduleEntry.starts_at < end, ScheduleEntry.ends_at > start,
                    ScheduleEntry.cancelled_at.is_(None)))
    if len(ids) < 500:
        query = query.where(ScheduleEntry.station_id.in_(ids))
    if exclude_programme_ids:
        query = query.where(or_(Occurrence.programme_id.is_(None),
                                Occurrence.programme_id.not_in(list(exclude_programme_ids))))
    wanted = set(ids)
    out = []
    for (eid, sid, s, e, prio, kind, prog_name, media_title, relay_name, relay_url,
         note) in db.session.execute(query):
        if sid not in wanted or eid in exclude_entry_ids:
            continue
        if kind == EntryKind.relay:
            title = _("Tiếp âm %(name)s", name=relay_name) if relay_name else (
                note or _("Tiếp âm %(url)s", url=relay_url))
        else:
            title = prog_name or media_title or note or f"#{eid}"
        out.append(Busy(eid, sid, s, e, prio.value, title))
    return out


def check_slots(slots: list[Slot], *, stations: dict[int, Station], confirm: bool = False,
                exclude_entry_ids: set[int] = frozenset(), exclude_programme_ids: set[int] = frozenset(),
                media: list[MediaItem] = (), extra: Iterable[Issue | None] = ()) -> list[Issue]:
    """Run every check over proposed slots; raise on errors or unconfirmed warnings."""
    tz = zone()
    report = Report()
    report.extend(extra)
    report.extend(station_issues(slots, stations, tz))
    if slots:
        start = min(s.starts_at for s in slots)
        end = max(s.ends_at for s in slots)
        busy = busy_between({s.station_id for s in slots}, start, end,
                            exclude_entry_ids=exclude_entry_ids,
                            exclude_programme_ids=exclude_programme_ids)
        report.extend(overlap_issues(slots, busy, stations, tz))
        for day in sorted({s.starts_at.astimezone(tz).date() for s in slots}):
            report.extend(media_issues(media, day))
    report.extend(window_issues(slots, stations, tz))
    return raise_if_blocking(report.issues, confirm)


# -- programmes --------------------------------------------------------------------------------

def get_programme(programme_id: int) -> Programme:
    prog = db.session.get(Programme, programme_id)
    if prog is None:
        raise NotFound(_("Không tìm thấy chuyên mục."), "programme_not_found")
    return prog


def get_occurrence(occurrence_id: int) -> Occurrence:
    occ = db.session.get(Occurrence, occurrence_id)
    if occ is None:
        raise NotFound(_("Không tìm thấy số phát."), "occurrence_not_found")
    return occ


def get_media(media_id: int) -> MediaItem:
    item = db.session.get(MediaItem, media_id)
    if item is None:
        raise NotFound(_("Không tìm thấy tin/bài mã %(id)s.", id=media_id), "media_not_found")
    return item


def _check_programme_fields(name: str, duration_s: int, valid_from: date,
                            valid_until: date | None) -> None:
    if not (name or "").strip():
        raise DomainError(_("Tên chuyên mục không được để trống."), "invalid_name", field="name")
    if not duration_s or duration_s <= 0 or duration_s > 24 * 3600:
        raise DomainError(_("Thời lượng phải lớn hơn 0 phút."), "invalid_duration",
                          field="duration")
    if valid_until and valid_until < valid_from:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), "invalid_dates",
                          field="valid_until")


def _jingle(media_id: int | None) -> int | None:
    if not media_id:
        return None
    item = get_media(int(media_id))
    issues = media_issues([item], now_utc().astimezone(zone()).date())
    if issues and issues[0].code == "item_not_ready":
        raise DomainError(issues[0].message, issues[0].code, field="intro")
    return item.id


def create_programme(actor: User | None, *, name: str, rrule: str, start_time: time,
                     duration_s: int, valid_from: date, valid_until: date | None = None,
                     target: str = "all", station_codes: Iterable[str] = (),
                     intro_media_id: int | None = None, outro_media_id: int | None = None,
                     description: str = "", confirm: bool = False,
                     until: date | None = None, now: datetime | None = None) -> Programme:
    """Create a programme and materialise its occurrences up to the horizon."""
    rule = recurrence.parse_rrule(rrule)
    _check_programme_fields(name, duration_s, valid_from, valid_until)
    target_value = _target(target)
    chosen = stations_by_codes(station_codes) if target_value == ProgrammeTarget.chosen else []
    if target_value == ProgrammeTarget.chosen and not chosen:
        raise DomainError(_("Hãy chọn ít nhất một đài/trạm."), "no_station", field="stations")
    prog = Programme(name=name.strip(), description=description or "", rrule=rule,
                     start_time=start_time, duration_s=int(duration_s), valid_from=valid_from,
                     valid_until=valid_until, target=target_value,
                     intro_media_id=_jingle(intro_media_id), outro_media_id=_jingle(outro_media_id),
                     created_by_id=actor.id if actor else None)
    prog.stations = chosen
    db.session.add(prog)
    db.session.flush()
    materialise(prog, until=until, now=now, confirm=confirm)
    audit.record(actor, "programme.create", "programme", prog.id,
                 after=audit.snapshot(prog, PROGRAMME_FIELDS), summary=prog.name)
    return prog


def update_programme(actor: User | None, prog: Programme, *, confirm: bool = False,
                     until: date | None = None, now: datetime | None = None,
                     station_codes: Iterable[str] | None = None, **changes) -> Programme:
    """Change a programme and re-materialise; aired and past occurrences stay as they were."""
    before = audit.snapshot(prog, PROGRAMME_FIELDS)
    if "rrule" in changes:
        changes["rrule"] = recurrence.parse_rrule(changes["rrule"])
    if "target" in changes:
        changes["target"] = _target(changes["target"])
    for key in ("intro_media_id", "outro_media_id"):
        if key in changes:
            changes[key] = _jingle(changes[key])
    for key, value in changes.items():
        if key not in PROGRAMME_FIELDS + ["description"]:
            raise TypeError(key)
        setattr(prog, key, value)
    _check_programme_fields(prog.name, prog.duration_s, prog.valid_from, prog.valid_until)
    if station_codes is not None:
        prog.stations = stations_by_codes(station_codes)
    if prog.target == ProgrammeTarget.chosen and not prog.stations:
        raise DomainError(_("Hãy chọn ít nhất một đài/trạm."), "no_station", field="stations")
    db.session.flush()
    if (before["intro_media_id"], before["outro_media_id"]) != (prog.intro_media_id,
                                                                 prog.outro_media_id):
        # Rendered programme audio contains the jingles: it must be made again.
        db.session.execute(update(Occurrence).where(
            Occurrence.programme_id == prog.id, Occurrence.starts_at > (now or now_utc()))
            .values(rendered_sha256=None))
    materialise(prog, until=until, now=now, confirm=confirm)
    after = audit.snapshot(prog, PROGRAMME_FIELDS)
    if after != before:
        audit.record(actor, "programme.update", "programme", prog.id, before=before, after=after,
                     summary=prog.name)
    return prog


def _target(value: str) -> ProgrammeTarget:
    try:
        return ProgrammeTarget(value)
    except ValueError:
        raise DomainError(_("Đối tượng phát “%(t)s” không hợp lệ.", t=value), "invalid_target",
                          field="target") from None


# -- materialisation ---------------------------------------------------------------------------

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

    targets_for = _Targets(prog, stations, start_day - timedelta(days=1),
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
                             ends_at=end, status=OccurrenceStatus.scheduled)
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
                if entry.cancelled_at is None and cancelled is not None:
                    entry.cancelled_at = cancelled
        for stale in current.values():
            db.session.delete(stale)
        if fresh:
            new_entries.append((occ, fresh, dict(
                kind=EntryKind.programme.value, priority=Priority.normal.value,
                cancelled_at=cancelled, created_by_id=prog.created_by_id, note="",
                created_at=stamp)))
    return new_entries


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
    tz = zone()
    now = now or now_utc()
    until = until or now.astimezone(tz).date() + timedelta(days=horizon_days())
    stations = stations if stations is not None else all_stations()
    plans = [_plan(p, now=now, until=until, tz=tz, stations=stations) for p in progs]
    slots = [slot for plan in plans for slot in plan.slots]
    if check and slots:
        check_slots(slots, stations={s.id: s for s in stations}, confirm=confirm,
                    exclude_programme_ids={p.id for p in progs})
    result = Materialised()
    stamp = now_utc()
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
    for key, occ_ids in buckets.items():
        station_ids, constants = list(key[0]), dict(zip(_CONSTANT, key[1:], strict=True))
        for i in range(0, len(occ_ids), 500):
            db.session.execute(_entries_insert(occ_ids[i:i + 500], station_ids, constants))
    return result


_CONSTANT = ["kind", "priority", "cancelled_at", "created_by_id", "note", "created_at"]


def _entries_insert(occurrence_ids: list[int], station_ids: list[int], constants: dict):
    table = ScheduleEntry.__table__
    when = table.c.starts_at.type
    rows = select(
        Occurrence.id, Station.id, literal(constants["kind"], String()), Occurrence.starts_at,
        Occurrence.ends_at, literal(constants["priority"], String()),
        literal(constants["cancelled_at"], when), literal(constants["created_by_id"], Integer()),
        literal(constants["note"], String()), literal(constants["created_at"], when),
    ).select_from(Occurrence).join(Station, true()).where(
        Occurrence.id.in_(occurrence_ids), Station.id.in_(station_ids))
    return insert(table).from_select(
        ["occurrence_id", "station_id", "kind", "starts_at", "ends_at", "priority",
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


# -- occurrence exceptions ---------------------------------------------------------------------

def _editable(occ: Occurrence, now: datetime | None = None) -> None:
    now = now or now_utc()
    if occ.starts_at <= now or aired_occurrence_ids([occ.id]):
        raise DomainError(_("Số phát này đã phát hoặc đã qua, không thể thay đổi."),
                          "occurrence_aired")


def skip_occurrence(actor: User | None, occ: Occurrence) -> Occurrence:
    """Skip one occurrence (an exception to the rule); its entries are cancelled."""
    _editable(occ)
    occ.status = OccurrenceStatus.skipped
    now = now_utc()
    db.session.execute(update(ScheduleEntry).where(
        ScheduleEntry.occurrence_id == occ.id, ScheduleEntry.cancelled_at.is_(None))
        .values(cancelled_at=now))
    db.session.flush()
    audit.record(actor, "occurrence.skip", "occurrence", occ.id,
                 summary=f"{occ.programme.name} {occ.recurrence_date:%d/%m/%Y}")
    return occ


def move_occurrence(actor: User | None, occ: Occurrence, new_start: datetime, *,
                    confirm: bool = False) -> Occurrence:
    """Move one occurrence to another local date and time; the rule date stays."""
    _editable(occ)
    if new_start.tzinfo is None:
        new_start = new_start.replace(tzinfo=zone())
    prog = occ.programme
    new_end = new_start + timedelta(seconds=prog.duration_s)
    entries = list(db.session.scalars(select(ScheduleEntry).where(
        ScheduleEntry.occurrence_id == occ.id)))
    stations = {e.station_id: e.station for e in entries}
    slots = [Slot(sid, new_start, new_end, "normal", prog.name) for sid in stations]
    check_slots(slots, stations=stations, confirm=confirm,
                exclude_entry_ids={e.id for e in entries})
    before = {"starts_at": occ.starts_at.isoformat()}
    occ.starts_at, occ.ends_at = new_start.astimezone(UTC), new_end.astimezone(UTC)
    occ.status = OccurrenceStatus.moved
    occ.rendered_sha256 = None
    for e in entries:
        e.starts_at, e.ends_at = occ.starts_at, occ.ends_at
        e.cancelled_at = None
    db.session.flush()
    audit.record(actor, "occurrence.move", "occurrence", occ.id, before=before,
                 after={"starts_at": occ.starts_at.isoformat()},
                 summary=f"{prog.name} {occ.recurrence_date:%d/%m/%Y}")
    return occ


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
    day = occ.starts_at.astimezone(zone()).date()
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
    _editable(occ)
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
        _editable(o)
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
    _editable(occ)
    day = occ.starts_at.astimezone(zone()).date()
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


# -- entries -----------------------------------------------------------------------------------

def get_entry(entry_id: int) -> ScheduleEntry:
    entry = db.session.get(ScheduleEntry, entry_id)
    if entry is None:
        raise NotFound(_("Không tìm thấy lịch phát."), "entry_not_found")
    return entry


def _priority(value: str) -> Priority:
    try:
        return Priority(value)
    except ValueError:
        raise DomainError(_("Mức ưu tiên “%(p)s” không hợp lệ (normal, priority, emergency).",
                            p=value), "invalid_priority", field="priority") from None


def add_entries(actor: User | None, *, stations: list[Station], starts_at: datetime,
                media_id: int | None = None, relay_station_code: str | None = None,
                relay_url: str | None = None, duration_s: int | None = None,
                priority: str = "normal", rrule: str | None = None, until: date | None = None,
                repeat_every_s: int | None = None, repeat_until: datetime | None = None,
                note: str = "", confirm: bool = False) -> list[ScheduleEntry]:
    """Put an item or a relay on one or more stations at a time (optionally recurring).
    Everything is checked first; nothing is saved if anything is wrong."""
    tz = zone()
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=tz)
    prio = _priority(priority)
    media: list[MediaItem] = []
    relay_station = None
    if media_id:
        item = get_media(int(media_id))
        media = [item]
        kind = EntryKind.item
        length = math.ceil(item.duration_s or 0) or (duration_s or 0)
        title = item.title
    elif relay_station_code or relay_url:
        kind = EntryKind.relay
        if relay_station_code:
            relay_station = get_station(relay_station_code)
            title = _("Tiếp âm %(name)s", name=relay_station.name)
        else:
            if not relay_url.startswith(("http://", "https://", "rtmp://", "rtsp://")):
                raise DomainError(_("Địa chỉ luồng tiếp âm phải bắt đầu bằng http:// hoặc https://."),
                                  "invalid_relay_url", field="relay_url")
            title = note or _("Tiếp âm %(url)s", url=relay_url)
        length = int(duration_s or 0)
    else:
        raise DomainError(_("Hãy chọn tin/bài hoặc nguồn tiếp âm."), "no_content", field="media")
    if length <= 0:
        raise DomainError(_("Thời lượng phải lớn hơn 0 phút."), "invalid_duration",
                          field="duration")
    if relay_station is not None and any(s.id == relay_station.id for s in stations):
        raise DomainError(_("Một đài không thể tiếp âm chính nó."), "relay_self",
                          field="relay_station")
    starts = [starts_at]
    if rrule:
        local = starts_at.astimezone(tz)
        end_day = until or local.date() + timedelta(days=horizon_days())
        days = recurrence.rule_dates(recurrence.parse_rrule(rrule), local.date(), local.date(),
                                     end_day)
        starts = [datetime.combine(d, local.timetz()) for d in days]
    if not starts:
        raise DomainError(_("Quy tắc lặp không cho ngày nào."), "empty_rule", field="rrule")
    slots = [Slot(s.id, at, at + timedelta(seconds=length), prio.value, title)
             for at in starts for s in stations]
    check_slots(slots, stations={s.id: s for s in stations}, confirm=confirm, media=media)
    batch = str(uuid.uuid4())
    rows = [ScheduleEntry(station_id=slot.station_id, kind=kind,
                          starts_at=slot.starts_at.astimezone(UTC),
                          ends_at=slot.ends_at.astimezone(UTC), priority=prio,
                          media_item_id=media[0].id if media else None,
                          relay_station_id=relay_station.id if relay_station else None,
                          relay_url=relay_url or None, repeat_every_s=repeat_every_s or None,
                          repeat_until=repeat_until, batch_id=batch, note=note or "",
                          created_by_id=actor.id if actor else None) for slot in slots]
    db.session.add_all(rows)
    db.session.flush()
    if prio == Priority.emergency:
        supersede_older(rows)
    audit.record(actor, "schedule.add", "schedule_batch", batch,
                 after={"stations": [s.code for s in stations], "kind": kind.value,
                        "priority": prio.value, "media_id": media[0].id if media else None,
                        "starts": [a.isoformat() for a in starts[:20]], "count": len(rows)},
                 summary=f"{title} × {len(rows)}")
    return rows


def send_emergency(actor: User | None, *, stations: list[Station], media_id: int,
                   repeat_every_s: int | None = None, repeat_until: datetime | None = None,
                   at: datetime | None = None, note: str = "") -> list[ScheduleEntry]:
    """An emergency bulletin: airs at once (or at `at`), preempts, may repeat until cancelled
    or superseded by a newer emergency on the same station."""
    if repeat_every_s is not None and repeat_every_s < 60:
        raise DomainError(_("Khoảng lặp lại phải ít nhất 1 phút."), "invalid_repeat",
                          field="repeat_every")
    return add_entries(actor, stations=stations, starts_at=at or now_utc(), media_id=media_id,
                       priority="emergency", repeat_every_s=repeat_every_s,
                       repeat_until=repeat_until, note=note, confirm=True)


def supersede_older(new_rows: list[ScheduleEntry]) -> int:
    """Older emergencies still active on the same stations stop at the newer one's start."""
    n = 0
    for row in new_rows:
        older = db.session.scalars(select(ScheduleEntry).where(
            ScheduleEntry.station_id == row.station_id, ScheduleEntry.id != row.id,
            ScheduleEntry.priority == Priority.emergency, ScheduleEntry.cancelled_at.is_(None),
            ScheduleEntry.superseded_by_id.is_(None), ScheduleEntry.starts_at <= row.starts_at,
            or_(ScheduleEntry.repeat_every_s.is_not(None), ScheduleEntry.ends_at > row.starts_at),
            or_(ScheduleEntry.repeat_until.is_(None), ScheduleEntry.repeat_until > row.starts_at)))
        for old in older:
            old.superseded_by_id = row.id
            n += 1
    db.session.flush()
    return n


def cancel_entry(actor: User | None, entry: ScheduleEntry, *, whole_batch: bool = False) -> int:
    """Cancel an entry (or every entry of its batch). Programme entries are skipped through
    their occurrence instead. Rows are kept for the record."""
    if entry.kind == EntryKind.programme:
        raise DomainError(_("Hãy bỏ số phát của chuyên mục thay vì huỷ từng lịch."),
                          "use_occurrence")
    rows = [entry]
    if whole_batch and entry.batch_id:
        rows = list(db.session.scalars(select(ScheduleEntry).where(
            ScheduleEntry.batch_id == entry.batch_id, ScheduleEntry.cancelled_at.is_(None))))
    now = now_utc()
    for row in rows:
        if row.cancelled_at is None:
            row.cancelled_at = now
    db.session.flush()
    audit.record(actor, "schedule.cancel", "schedule_entry", entry.id,
                 summary=_("Huỷ %(n)s lịch phát", n=len(rows)))
    return len(rows)
