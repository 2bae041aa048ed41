"""Demo step 5 (radio.demo.STORY): four weeks of as-run history on the stations open then.

Mostly aired, some missed and partial, one station that plays from a USB stick and reports by
hand, and one station that went silent three days ago, so the reconciliation pages show
something real on first run. Deterministic and idempotent: event ids are derived from the
entry, and a second run finds everything in place.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from radio import clock
from radio.asrun import operations as asrun
from radio.db import db
from radio.demo import DISTRICT, UNITS, DemoReport
from radio.models import (
    AsRunEvent,
    EntryKind,
    Heartbeat,
    MediaItem,
    MediaStatus,
    ScheduleEntry,
    Station,
)
from radio.units import giolinh

DAYS = 28
# The first of each that is open today: the 2022 station, else its successor since 1/7/2025.
SILENT_CHOICES = ("linh-truong", "xa-con-tien")  # stopped reporting three days ago
SILENT_SINCE_DAYS = 3
MANUAL_CHOICES = ("gio-hai", "xa-cua-viet")  # plays from a USB stick; as-run typed in by hand
SILENT, MANUAL = SILENT_CHOICES[0], MANUAL_CHOICES[0]  # in the 2022 network
BATCH = "demo-history"
NAMESPACE = uuid.UUID("5b0f3a52-7d1e-4c39-9a57-0c1d2e3f4a5b")
SLOTS = (time(5, 30), time(17, 0))


def _tz() -> ZoneInfo:
    return clock.zone()


def _past_entries(station: Station, start: datetime, end: datetime) -> list[ScheduleEntry]:
    return list(db.session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.station_id == station.id,
                                    ScheduleEntry.starts_at >= start,
                                    ScheduleEntry.starts_at < end,
                                    ScheduleEntry.cancelled_at.is_(None))
        .order_by(ScheduleEntry.starts_at)))


def _ensure_entries(stations: list[Station], media: list[MediaItem], today: date) -> int:
    """Entries where the schedule has none (two items a day per station), from four weeks ago
    through today, so that today's network view and reconciliation are not empty on first run."""
    tz = _tz()
    created = 0
    for n, station in enumerate(stations):
        for back in range(DAYS, -1, -1):
            day = today - timedelta(days=back)
            if not station.exists_on(day):
                continue
            start = datetime.combine(day, time(0), tz)
            if _past_entries(station, start, start + timedelta(days=1)):
                continue
            for k, slot in enumerate(SLOTS):
                item = media[(back * 2 + k + n) % len(media)]
                at = datetime.combine(day, slot, tz).astimezone(UTC)
                db.session.add(ScheduleEntry(
                    station_id=station.id, kind=EntryKind.item, starts_at=at,
                    ends_at=at + timedelta(seconds=max(item.duration_s, 1)),
                    media_item_id=item.id, batch_id=BATCH, note="Lịch mẫu"))
                created += 1
    db.session.flush()
    return created


def _event_for(entry: ScheduleEntry, rng: random.Random, station_code: str,
               now: datetime, silent: str | None = None) -> dict | None:
    if station_code == silent and entry.starts_at > now - timedelta(days=SILENT_SINCE_DAYS):
        return None
    roll = rng.random()
    if roll < 0.05:
        return None  # missed: nothing reported
    length = (entry.ends_at - entry.starts_at).total_seconds()
    late = rng.uniform(0, 4)
    status, note, played = "aired", "", length
    if roll < 0.10:
        status, note, played = "partial", "Mất điện giữa chừng", length * rng.uniform(0.3, 0.8)
    elif roll < 0.12:
        status, note, played = "failed", "Lỗi tăng âm", 0
    started = entry.starts_at + timedelta(seconds=late)
    return {"id": str(uuid.uuid5(NAMESPACE, f"{station_code}:{entry.id}")), "entry_id": entry.id,
            "status": status, "started_at": started.isoformat(),
            "ended_at": (started + timedelta(seconds=played)).isoformat(), "note": note}


def load_history(report: DemoReport) -> None:
    """Four weeks of as-run events and heartbeats. Flushes only; safe to run twice."""
    first_day = clock.today(_tz()) - timedelta(days=DAYS)
    codes = [DISTRICT[0], *(c for c, _n in UNITS), giolinh.PROVINCE_STATION[0],
             *(c for c, *_rest in giolinh.NEW_COMMUNES)]
    stations = [s for s in db.session.scalars(select(Station).where(Station.code.in_(codes)))
                if s.valid_to is None or s.valid_to >= first_day]
    media = list(db.session.scalars(select(MediaItem).where(MediaItem.status == MediaStatus.ready)
                                    .order_by(MediaItem.id)))
    if not stations or not media:
        report.add("Chưa có tệp âm thanh mẫu: bỏ qua lịch sử phát.", 0)
        return
    now = clock.now().replace(microsecond=0)
    tz = _tz()
    today = now.astimezone(tz).date()
    start = datetime.combine(today - timedelta(days=DAYS), time(0), tz).astimezone(UTC)
    for item in media:  # the sample items stand for a library older than its history
        if item.created_at > start - timedelta(days=1):
            item.created_at = start - timedelta(days=1)
    new_entries = _ensure_entries(stations, media, today)
    silent = _first_open(SILENT_CHOICES, stations, today)
    manual = _first_open(MANUAL_CHOICES, stations, today)
    before = db.session.scalar(select(func.count()).select_from(AsRunEvent))
    for station in sorted(stations, key=lambda s: s.code):
        rng = random.Random(f"demo-history:{station.code}")
        events = []
        for entry in _past_entries(station, start, now - timedelta(hours=1)):
            event = _event_for(entry, rng, station.code, now, silent)
            if event is not None:
                events.append(event)
        for chunk in range(0, len(events), asrun.MAX_BATCH):
            asrun.ingest(station, events[chunk:chunk + asrun.MAX_BATCH],
                         manual=station.code == manual)
        _heartbeat(station, now, rng, silent, manual)
    added = db.session.scalar(select(func.count()).select_from(AsRunEvent)) - before
    if added or new_entries:
        report.add(f"Đã tạo lịch sử phát 4 tuần: {new_entries} mục lịch, {added} sự kiện "
                   f"nhật ký phát (trạm {silent} im lặng {SILENT_SINCE_DAYS} ngày).",
                   added + new_entries)


def _first_open(codes: tuple[str, ...], stations: list[Station], day: date) -> str | None:
    open_codes = {s.code for s in stations if s.exists_on(day)}
    return next((c for c in codes if c in open_codes), None)


def _heartbeat(station: Station, now: datetime, rng: random.Random, silent_code: str | None,
               manual_code: str | None) -> None:
    silent = station.code == silent_code
    at = now - (timedelta(days=SILENT_SINCE_DAYS, hours=2) if silent
                else timedelta(minutes=rng.randint(1, 20)))
    if station.code == manual_code:
        station.last_contact_at = at
        return
    exists = db.session.scalar(select(Heartbeat.id).where(Heartbeat.station_id == station.id))
    if exists is None:
        db.session.add(Heartbeat(station_id=station.id, received_at=at, agent_version="1.0.0",
                                 free_disk_bytes=rng.randint(5, 60) * 10**9,
                                 now_playing="", cache_state={"files": rng.randint(10, 40)}))
    station.last_contact_at = at
    db.session.flush()
