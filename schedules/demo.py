"""The scheduling layer's demo step (radio.demo.STORY, step 4): the CCHC column on every station
open today and a daily relay at 05:30 of the level above the communes: the province station
since 1/7/2025, the district station before (or in the 2022-only demo)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from radio import clock
from radio.db import db
from radio.models import (
    EntryKind,
    MediaItem,
    MediaKind,
    MediaStatus,
    Occurrence,
    Priority,
    Programme,
    ScheduleEntry,
    Station,
    StationKind,
)
from schedules import recurrence
from schedules.entries import targeting
from schedules.programmes import operations as programme_ops
from schedules.programmes import rundowns

CCHC_NAME = "Chuyên mục Cải cách hành chính"
CCHC_DAYS = ("TU", "FR")  # the column's weekdays (tests pick their days off these)
DEMO_WEEKS = 4
RELAY_BATCH = "demo-relay-district-0530"
RELAY_START = time(5, 30)
RELAY_MINUTES = 30


def _jingle(which: str) -> int | None:
    """The media demo's intro/outro jingle, else any ready jingle, else None."""
    try:
        from media.demo_library import demo_item

        item = demo_item(which)
        if item is not None and item.rendition_sha256:
            return item.id
    except ImportError:
        pass
    return db.session.scalar(select(MediaItem.id).where(
        MediaItem.kind == MediaKind.jingle, MediaItem.status == MediaStatus.ready,
        MediaItem.rendition_sha256.is_not(None)).order_by(MediaItem.id).limit(1))


def _relay_source(day) -> Station | None:
    """The station the communes relay: the province's if one is open on `day`, else the
    district's."""
    for kind in (StationKind.province, StationKind.district):
        for station in db.session.scalars(select(Station).where(Station.kind == kind)
                                          .order_by(Station.id)):
            if station.exists_on(day):
                return station
    return None


def demo_schedules(report) -> None:
    """Idempotent: an existing column or relay batch is left as it is."""
    tz = clock.zone()
    today = clock.today(tz)
    until = today + timedelta(weeks=DEMO_WEEKS)
    prog = db.session.scalar(select(Programme).where(Programme.name == CCHC_NAME))
    if prog is None:
        prog = programme_ops.create_programme(
            None, name=CCHC_NAME, rrule=recurrence.preset_rrule("weekly", weekdays=list(CCHC_DAYS)),
            start_time=time(17, 15), duration_s=15 * 60, valid_from=today, target="all",
            intro_media_id=_jingle("intro"), outro_media_id=_jingle("outro"), until=until, confirm=True,
            description="Chuyên mục CCHC theo Kế hoạch 23/KH-UBND năm 2022 của UBND huyện "
                        "Gio Linh: tin, bài, phóng sự về các nội dung mục II.1.")
        occurrences = list(db.session.scalars(
            select(Occurrence).where(Occurrence.programme_id == prog.id)
            .order_by(Occurrence.starts_at)))
        # Today's number may already be past (a Tuesday or Friday evening): only the coming
        # numbers get a rundown, or filling would refuse the past one and stop the demo.
        soon = clock.now() + timedelta(minutes=1)
        filled = sum(rundowns.fill_rundown(None, occ) for occ in occurrences
                     if occ.starts_at > soon)
        line = f"Đã tạo chuyên mục CCHC: {len(occurrences)} số phát (thứ Ba, thứ Sáu 17:15)"
        line += f", {filled} mục trong các số phát." if filled else \
            " (thư viện chưa có tin, bài để xếp vào)."
        report.add(line, 1 + len(occurrences))
    if db.session.scalar(select(ScheduleEntry.id).where(ScheduleEntry.batch_id == RELAY_BATCH)
                         .limit(1)) is None:
        district = _relay_source(today)
        if district is None:
            return
        rows = []
        day = today
        note = "Tiếp âm Đài tỉnh" if district.kind == StationKind.province else "Tiếp âm Đài huyện"
        communes = targeting.target_stations("communes", [], today)
        while day < until:
            start = datetime.combine(day, RELAY_START, tzinfo=tz).astimezone(UTC)
            if start > clock.now():
                rows += [ScheduleEntry(
                    station_id=s.id, kind=EntryKind.relay, starts_at=start,
                    ends_at=start + timedelta(minutes=RELAY_MINUTES), priority=Priority.normal,
                    relay_station_id=district.id, batch_id=RELAY_BATCH,
                    note=note) for s in communes if s.exists_on(day)]
            day += timedelta(days=1)
        db.session.add_all(rows)
        db.session.flush()
        level = "tỉnh" if district.kind == StationKind.province else "huyện"
        report.add(f"Đã lên lịch tiếp âm đài {level} lúc 05:30 trên {len(communes)} trạm "
                   f"({len(rows)} lịch phát trong {DEMO_WEEKS} tuần).", len(rows))
