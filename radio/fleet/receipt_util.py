"""Reads of emergency receipts: one row per target station (and cluster where reported) of an
emergency send (its batch id), with the delay of each step from the emergency's start, and the
stations that have not started within 60 s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from radio.db import db
from radio.models import EmergencyReceipt, Priority, ScheduleEntry, Station

LATE_S = 60


@dataclass
class ReceiptRow:
    entry_id: int
    batch_id: str
    station: Station
    cluster: str  # "": the whole station
    starts_at: datetime  # the emergency's start at this station
    received_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None

    def _delay(self, at: datetime | None) -> float | None:
        return round((_aware(at) - _aware(self.starts_at)).total_seconds(), 1) if at else None

    @property
    def received_s(self) -> float | None:
        return self._delay(self.received_at)

    @property
    def started_s(self) -> float | None:
        return self._delay(self.started_at)

    @property
    def finished_s(self) -> float | None:
        return self._delay(self.finished_at)

    def as_dict(self) -> dict:
        def iso(v):
            return _aware(v).isoformat() if v else None
        return {"entry_id": self.entry_id, "batch_id": self.batch_id,
                "station": self.station.code, "station_name": self.station.name,
                "cluster": self.cluster or None, "starts_at": iso(self.starts_at),
                "received_at": iso(self.received_at), "started_at": iso(self.started_at),
                "finished_at": iso(self.finished_at), "received_s": self.received_s,
                "started_s": self.started_s, "finished_s": self.finished_s}


def _aware(value: datetime) -> datetime:

    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _entries(batch_id: str) -> list[ScheduleEntry]:
    return list(db.session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.batch_id == batch_id,
                                    ScheduleEntry.priority == Priority.emergency)
        .options(selectinload(ScheduleEntry.station)).order_by(ScheduleEntry.station_id)))


def receipt_rows(batch_id: str) -> list[ReceiptRow]:
    """Every target station of the send, with a row per reported cluster (the whole station's
    row, with no times, when it reported nothing)."""
    entries = _entries(batch_id)
    stored: dict[int, list[EmergencyReceipt]] = {}
    if entries:
        for r in db.session.scalars(select(EmergencyReceipt).where(
                EmergencyReceipt.entry_id.in_([e.id for e in entries]))
                .order_by(EmergencyReceipt.cluster_code)):
            stored.setdefault(r.entry_id, []).append(r)
    out = []
    for e in sorted(entries, key=lambda e: (e.station.code, e.id)):
        for r in stored.get(e.id) or [None]:
            out.append(ReceiptRow(e.id, batch_id, e.station, r.cluster_code if r else "",
                                  e.starts_at, r.received_at if r else None,
                                  r.started_at if r else None, r.finished_at if r else None))
    return out


def late(batch_id: str, now: datetime, limit_s: int = LATE_S) -> list[Station]:
    """Target stations with no start reported within `limit_s` of the emergency's start, once
    that much time has passed (`now`); a station started late (after the limit) stays listed."""
    entries = _entries(batch_id)
    rows = receipt_rows(batch_id)
    out = []
    for e in sorted(entries, key=lambda e: e.station.code):
        if e.cancelled_at is not None:
            continue
        if (_aware(now) - _aware(e.starts_at)).total_seconds() < limit_s:
            continue
        started = [r.started_s for r in rows if r.entry_id == e.id and r.started_s is not None]
        if not started or min(started) > limit_s:
            out.append(e.station)
    return out


def existing(station: Station, entry_id: int) -> list[EmergencyReceipt]:
    """The receipts already stored for one emergency entry at a station."""
    return list(db.session.scalars(select(EmergencyReceipt).where(
        EmergencyReceipt.entry_id == entry_id, EmergencyReceipt.station_id == station.id)))


def receipts_between(start: datetime, end: datetime) -> list[ReceiptRow]:
    """Receipts of emergencies that start in [start, end), for the verification package."""
    batches = list(db.session.scalars(
        select(ScheduleEntry.batch_id).where(
            ScheduleEntry.priority == Priority.emergency, ScheduleEntry.batch_id.is_not(None),
            ScheduleEntry.starts_at >= start, ScheduleEntry.starts_at < end)
        .distinct().order_by(ScheduleEntry.batch_id)))
    return [r for b in batches for r in receipt_rows(b)
            if r.received_at or r.started_at or r.finished_at]


def for_entry(entry_id: int) -> list[ReceiptRow]:
    """The receipts one emergency entry's station reported (the archive's evidence)."""
    entry = db.session.get(ScheduleEntry, entry_id)
    if entry is None or entry.priority != Priority.emergency or not entry.batch_id:
        return []
    return [r for r in receipt_rows(entry.batch_id) if r.entry_id == entry_id
            and (r.received_at or r.started_at or r.finished_at)]
