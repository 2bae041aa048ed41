"""Store emergency receipts: received, started, finished, per station and cluster. The first
report of a step wins; a repeat changes nothing. Flushes, never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import EmergencyReceipt, Priority, ScheduleEntry, Station

STEPS = {"received": "received_at", "started": "started_at", "finished": "finished_at"}


def record_receipt(station: Station, *, entry_id: int, status: str, at: datetime,
                   clusters: list[str] | None, now: datetime) -> list[EmergencyReceipt]:
    """One step of one emergency at a station, for the whole station ("") or some clusters."""
    if status not in STEPS:
        raise DomainError(_("status phải là received, started hoặc finished."), "invalid_field",
                          field="status")
    entry = db.session.get(ScheduleEntry, entry_id)
    if entry is None or entry.station_id != station.id or entry.priority != Priority.emergency:
        raise DomainError(_("Không có tin khẩn cấp số %(id)s của trạm này.", id=entry_id),
                          "not_found", field="entry_id")
    rows = []
    for code in (clusters or [""]):
        row = db.session.scalar(select(EmergencyReceipt).where(
            EmergencyReceipt.entry_id == entry_id, EmergencyReceipt.station_id == station.id,
            EmergencyReceipt.cluster_code == code))
        if row is None:
            row = EmergencyReceipt(entry_id=entry_id, station_id=station.id, cluster_code=code,
                                   batch_id=entry.batch_id or "")
            db.session.add(row)
        if getattr(row, STEPS[status]) is None:
            setattr(row, STEPS[status], at)
            row.updated_at = now
        rows.append(row)
    db.session.flush()
    return rows
