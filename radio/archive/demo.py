"""Demo step 6 (radio.demo.STORY): the CCHC years 2022 and 2025 of history (load_archive_years).

The CCHC year 2022 (15/12/2021 – 14/12/2022) on the 2022 network:

The standing CCHC column (chuyên mục cải cách hành chính) airs every Tuesday and Friday at 05:40
on the district station and all 17 commune stations, and again at 17:10 on the district station;
each issue carries three items from the demo library. Stations report what they aired: mostly
aired, a few partial, skipped or failed plays, some plays never reported, and Gio Hải silent for
three weeks after storm Noru (late September 2022). Rows are written as plain historical data in
bulk (the as-run and audit chains are linked exactly as the live services link them). Running
the step twice changes nothing.

The CCHC year 2025 (15/12/2024 – 14/12/2025) is made the same way on the stations open each day:
the district and 17 communes until 31/12/2024, 14 communes until 30/6/2025, then the four new
communes and the province station (in the place of the district), up to four weeks before today
(the recent history covers those). Xã Cửa Việt is silent for a week after the late-October
2025 floods.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, insert, select, text

from radio import chain, clock
from radio.airings import operations as airing_ops
from radio.archive.periods import Period
from radio.db import db
from radio.models import (
    Airing,
    ApprovalState,
    AsRunEvent,
    AsRunStatus,
    AuditEntry,
    EntryKind,
    MediaItem,
    MediaKind,
    MediaStatus,
    Occurrence,
    Priority,
    Programme,
    ProgrammeTarget,
    RundownItem,
    ScheduleEntry,
    Station,
    User,
)

PROGRAMME_NAME = "Chuyên mục Cải cách hành chính 2022"
NAMESPACE = uuid.UUID("6f1c2b1e-2022-4cc1-9a0e-6a7264696f31")
YEAR = 2022
MORNING = time(5, 40)
EVENING = time(17, 10)
SILENT = ("gio-hai", date(2022, 9, 28), date(2022, 10, 19))
RECENT_DAYS = 28  # radio.asrun.demo.DAYS: the recent history, left to that step


@dataclass(frozen=True)
class DemoYear:
    year: int
    programme_name: str
    description: str
    silent: tuple[str, date, date]


YEAR_2022 = DemoYear(YEAR, PROGRAMME_NAME,
                     "Chuyên mục thường kỳ theo Kế hoạch 23/KH-UBND năm 2022 (dữ liệu mẫu).", SILENT)
YEAR_2025 = DemoYear(2025, "Chuyên mục Cải cách hành chính 2025",
                     "Chuyên mục thường kỳ năm 2025, qua sắp xếp đơn vị hành chính ngày 01/07/2025 "
                     "(dữ liệu mẫu).", ("xa-cua-viet", date(2025, 10, 28), date(2025, 11, 4)))


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, clock.zone()).astimezone(UTC)


def _items(report) -> list[MediaItem]:
    """The library's ready non-jingle items (media's demo steps 20 and 45 put some there)."""
    return list(db.session.scalars(select(MediaItem).where(
        MediaItem.kind != MediaKind.jingle, MediaItem.rendition_sha256.is_not(None),
        MediaItem.status == MediaStatus.ready).order_by(MediaItem.id)))


def _airings_for(entry_ids: list[int]) -> dict[int, int]:
    """The airing of each entry written in bulk above (one each: they do not repeat)."""
    if not entry_ids:
        return {}
    airing_ops.add_missing(min(entry_ids) - 1)
    return dict(db.session.execute(select(Airing.entry_id, Airing.id)
                                   .where(Airing.entry_id >= min(entry_ids))).all())


def _next_key(model, col) -> int:
    return (db.session.scalar(select(func.max(col))) or 0) + 1


def _fix_sequence(table: str, column: str) -> None:
    bind = db.session.get_bind()
    if bind.dialect.name == "postgresql":
        db.session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
            f"(SELECT MAX({column}) FROM {table}))"))


def load_archive_years(report) -> None:
    """The archive's demo step: the CCHC year 2022, then (with the reorganisation) 2025."""
    load_archive_year(report)
    if getattr(report, "reorganise", True):
        load_archive_2025(report)


def load_archive_year(report) -> None:
    """The CCHC year 2022. Flushes only; idempotent (keyed by the programme name)."""
    stations = db.session.scalars(select(Station).where(
        Station.valid_from <= date(YEAR, 12, 14))).all()
    stations = sorted(stations, key=lambda s: (s.kind.value != "district", s.code))
    period = Period.year_of(YEAR, "cchc")
    _load_year(report, YEAR_2022, period.end, lambda _day: stations)


def load_archive_2025(report) -> None:
    """The CCHC year 2025 across 1/7/2025, on the stations open each day, until four weeks
    before today. Flushes only; idempotent (keyed by the programme name)."""
    period = Period.year_of(YEAR_2025.year, "cchc")
    last = min(period.end, clock.today() - timedelta(days=RECENT_DAYS + 1))
    if last < period.start:
        return
    rows = db.session.scalars(select(Station).where(Station.valid_from <= last)).all()
    rows = [s for s in rows if s.valid_to is None or s.valid_to >= period.start]
    rows.sort(key=lambda s: (s.kind.value not in ("district", "province"), s.code))
    _load_year(report, YEAR_2025, last, lambda day: [s for s in rows if s.exists_on(day)])


def _load_year(report, spec: DemoYear, last: date,
               stations_on: Callable[[date], list[Station]]) -> None:
    from radio.asrun.operations import asrun_content
    from radio.audit import audit_content

    if db.session.scalar(select(Programme.id).where(Programme.name == spec.programme_name)):
        return
    period = Period.year_of(spec.year, "cchc")
    if not stations_on(period.start) and not stations_on(last):
        return
    items = _items(report)
    if not items:
        report.add(f"Không có tin bài mẫu: bỏ qua lịch sử năm {spec.year}.", 0)
        return
    editor = db.session.scalar(select(User).where(User.username == "editor"))
    rng = random.Random(spec.year)
    durations = {i.id: max(i.duration_s or 0.0, 1.0) for i in items}
    # The demo library is ingested today; its items (jingles too) must have come in before
    # they first aired, in 2022 or in the recent weeks.
    received = _local(period.start - timedelta(days=7), time(8, 0))
    for n, item in enumerate(db.session.scalars(select(MediaItem).order_by(MediaItem.id))):
        item.created_at = min(item.created_at, received + timedelta(minutes=n))

    programme = Programme(
        name=spec.programme_name, description=spec.description,
        rrule="FREQ=WEEKLY;BYDAY=TU,FR", start_time=MORNING, duration_s=900,
        valid_from=period.start, valid_until=last, target=ProgrammeTarget.all,
        active=False, created_by_id=editor.id if editor else None,
        created_at=_local(period.start - timedelta(days=5), time(9, 0)))
    db.session.add(programme)
    db.session.flush()

    days = [d for d in period.dates() if d.weekday() in (1, 4) and d <= last]
    entry_rows, plans, seen = [], [], set()
    audit_rows = []
    for cursor, day in enumerate(days):
        rundown = [items[(cursor + k) % len(items)] for k in range(min(3, len(items)))]
        starts = _local(day, MORNING)
        occ = Occurrence(programme_id=programme.id, recurrence_date=day, starts_at=starts,
                         ends_at=starts + timedelta(seconds=900),
                         approval=ApprovalState.approved)
        occ.rundown = [RundownItem(position=k, media_item_id=it.id)
                       for k, it in enumerate(rundown)]
        db.session.add(occ)
        db.session.flush()
        stations = stations_on(day)
        seen.update(s.id for s in stations)
        batch = str(uuid.uuid5(NAMESPACE, f"batch:{day.isoformat()}"))
        created = _local(day - timedelta(days=1), time(14, 0))
        audit_rows.append({
            "at": created, "user_id": editor.id if editor else None,
            "username": editor.username if editor else "system", "action": "schedule.create",
            "object_type": "schedule_batch", "object_id": batch,
            "summary": f"Lập lịch {spec.programme_name} ngày {day:%d/%m/%Y} cho {len(stations)} đài/trạm",
            "before": None,
            "after": {"items": [it.id for it in rundown], "stations": len(stations),
                      "starts_at": starts.isoformat()}})
        for station in stations:
            sessions = [MORNING, EVENING] if station.kind.value in ("district", "province") \
                else [MORNING]
            for at in sessions:
                t = _local(day, at)
                for pos, it in enumerate(rundown):
                    length = timedelta(seconds=durations[it.id])
                    entry_rows.append({
                        "station_id": station.id, "kind": EntryKind.item, "starts_at": t,
                        "ends_at": t + length, "priority": Priority.normal,
                        "media_item_id": it.id, "batch_id": batch, "occurrence_id": occ.id,
                        "note": "", "created_by_id": editor.id if editor else None,
                        "created_at": created})
                    plans.append((station, day, at, pos, it, t))
                    t = t + length + timedelta(seconds=2)
    ids = db.session.scalars(insert(ScheduleEntry).returning(
        ScheduleEntry.id, sort_by_parameter_order=True), entry_rows).all()
    airing_of = _airings_for(ids)

    chain.lock_chain(db.session, "asrun")
    seq = _next_key(AsRunEvent, AsRunEvent.seq)
    prev = db.session.scalar(select(AsRunEvent.row_hash).order_by(AsRunEvent.seq.desc())
                             .limit(1)) or chain.GENESIS
    events = []
    for entry_id, (station, day, _at, pos, it, t) in zip(ids, plans, strict=True):
        if station.code == spec.silent[0] and spec.silent[1] <= day <= spec.silent[2]:
            continue  # loudspeakers down after the storm: nothing aired, nothing reported
        roll = rng.random()
        if roll < 0.02:
            continue  # aired or not, the station never reported it
        status = (AsRunStatus.failed if roll < 0.03 else AsRunStatus.skipped if roll < 0.04
                  else AsRunStatus.partial if roll < 0.06 else AsRunStatus.aired)
        started = t + timedelta(seconds=rng.randint(0, 25))
        length = durations[it.id]
        ended = None if status in (AsRunStatus.skipped, AsRunStatus.failed) else \
            started + timedelta(seconds=round(length * (rng.uniform(0.4, 0.8)
                                                        if status == AsRunStatus.partial else 1)))
        note = {AsRunStatus.failed: "Mất điện lưới, không phát được",
                AsRunStatus.skipped: "Bỏ qua do trùng lịch tiếp âm",
                AsRunStatus.partial: "Mất điện giữa chừng"}.get(status, "")
        values = {
            "seq": seq, "event_uuid": str(uuid.uuid5(NAMESPACE, f"{station.code}:{t.isoformat()}"
                                                                f":{pos}")),
            "station_id": station.id, "entry_id": entry_id, "airing_id": airing_of[entry_id],
            "media_item_id": it.id,
            "media_sha256": it.rendition_sha256, "title": it.title[:500],
            "agency_name": (it.agency.name if it.agency else "")[:300],
            "topic_slugs": ",".join(tp.slug for tp in it.topics)[:1000],
            "scheduled_at": t, "started_at": started, "ended_at": ended, "status": status,
            "note": note, "manual": False, "recorded_by_id": None,
            "received_at": started + timedelta(minutes=rng.randint(2, 90)),
            "prev_hash": prev}
        values["row_hash"] = chain.link(prev, asrun_content(AsRunEvent(**values)))
        prev = values["row_hash"]
        seq += 1
        events.append(values)
    for start in range(0, len(events), 2000):
        db.session.execute(insert(AsRunEvent), events[start:start + 2000])
    _fix_sequence("asrun_events", "seq")

    chain.lock_chain(db.session, "audit")
    audit_id = _next_key(AuditEntry, AuditEntry.id)
    prev = db.session.scalar(select(AuditEntry.row_hash).order_by(AuditEntry.id.desc())
                             .limit(1)) or chain.GENESIS
    for row in audit_rows:
        row.update(id=audit_id, prev_hash=prev)
        row["row_hash"] = chain.link(prev, audit_content(AuditEntry(**row)))
        prev = row["row_hash"]
        audit_id += 1
    db.session.execute(insert(AuditEntry), audit_rows)
    _fix_sequence("audit_log", "id")
    db.session.flush()
    report.add(f"Đã tạo lịch sử năm {spec.year} (kỳ CCHC {period.start:%d/%m/%Y} – "
               f"{last:%d/%m/%Y}): {len(days)} số phát, {len(entry_rows)} lượt lịch phát, "
               f"{len(events)} dòng nhật ký phát cho {len(seen)} đài/trạm.",
               len(entry_rows) + len(events))
