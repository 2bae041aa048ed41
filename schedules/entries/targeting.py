"""Which stations an entry or programme targets, and the busy time and slot checks on them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased, selectinload

from radio import clock
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import (
    EntryKind,
    MediaItem,
    Occurrence,
    Programme,
    ProgrammeTarget,
    ScheduleEntry,
    Station,
    StationKind,
)
from radio.stations import get_station
from schedules.entries.validation import (
    Busy,
    Issue,
    Report,
    Slot,
    media_issues,
    overlap_issues,
    raise_if_blocking,
    station_issues,
    window_issues,
)


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


class Targets:
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
        rows = target_stations(target, [], on or clock.today())
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
        if kind == EntryKind.live and not prog_name:
            title = _("Phát trực tiếp %(name)s", name=relay_name)
        elif kind == EntryKind.relay:
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
    tz = clock.zone()
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


