"""Writes of programmes and their occurrence exceptions (skip, move); they flush, never commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, update

from radio import audit, clock
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import (
    Occurrence,
    OccurrenceStatus,
    Programme,
    ProgrammeTarget,
    ScheduleEntry,
    User,
)
from schedules import recurrence
from schedules.entries.targeting import (
    check_slots,
    stations_by_codes,
)
from schedules.entries.util import get_media
from schedules.entries.validation import (
    Slot,
    media_issues,
)
from schedules.programmes.materialise import aired_occurrence_ids, materialise

PROGRAMME_FIELDS = ["name", "rrule", "start_time", "duration_s", "valid_from", "valid_until",
                    "target", "intro_media_id", "outro_media_id", "active", "live_station_id"]


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
    issues = media_issues([item], clock.today())
    if issues and issues[0].code == "item_not_ready":
        raise DomainError(issues[0].message, issues[0].code, field="intro")
    return item.id


def create_programme(actor: User | None, *, name: str, rrule: str, start_time: time,
                     duration_s: int, valid_from: date, valid_until: date | None = None,
                     target: str = "all", station_codes: Iterable[str] = (),
                     intro_media_id: int | None = None, outro_media_id: int | None = None,
                     description: str = "", confirm: bool = False, live_station: str | None = None,
                     until: date | None = None, now: datetime | None = None) -> Programme:
    """Create a programme and materialise its occurrences up to the horizon. With
    `live_station` (a station code) its slot airs that station's live stream (phát trực tiếp)."""
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
                     created_by_id=actor.id if actor else None,
                     live_station_id=stations_by_codes([live_station])[0].id if live_station else None)
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
    if "live_station" in changes:  # a station code, or None: no longer a live programme
        code = changes.pop("live_station")
        changes["live_station_id"] = stations_by_codes([code])[0].id if code else None
    for key, value in changes.items():
        if key not in [*PROGRAMME_FIELDS, "description"]:
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
            Occurrence.programme_id == prog.id, Occurrence.starts_at > (now or clock.now()))
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


# -- occurrence exceptions ---------------------------------------------------------------------

def check_editable(occ: Occurrence, now: datetime | None = None) -> None:
    now = now or clock.now()
    if occ.starts_at <= now or aired_occurrence_ids([occ.id]):
        raise DomainError(_("Số phát này đã phát hoặc đã qua, không thể thay đổi."),
                          "occurrence_aired")


def skip_occurrence(actor: User | None, occ: Occurrence) -> Occurrence:
    """Skip one occurrence (an exception to the rule); its entries are cancelled."""
    check_editable(occ)
    occ.status = OccurrenceStatus.skipped
    now = clock.now()
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
    check_editable(occ)
    if new_start.tzinfo is None:
        new_start = new_start.replace(tzinfo=clock.zone())
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


