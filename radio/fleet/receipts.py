"""Store emergency receipts: received, started, finished, per station and cluster. The first
report of a step wins; a repeat changes nothing. Flushes, never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from radio.db import db
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import Cluster, EmergencyReceipt, Priority, ScheduleEntry, Station

STEPS = {"received": "received_at", "started": "started_at", "finished": "finished_at"}
MAX_CLUSTERS = 200


class BadReceipt(DomainError):
    """A receipt body that cannot be stored (answered 422, nothing written)."""

    code = "invalid_field"
    status = 422


def parse_body(body: dict) -> dict:
    """The receipt fields of a JSON body (docs/fleet.md), or a DomainError (422) naming the field."""
    entry_id = body.get("entry_id")
    if not isinstance(entry_id, int) or isinstance(entry_id, bool) or entry_id <= 0:
        raise BadReceipt(_("entry_id phải là số nguyên dương."), "invalid_field",
                          field="entry_id")
    status = body.get("status")
    if status not in STEPS:
        raise BadReceipt(_("status phải là received, started hoặc finished."), "invalid_field",
                          field="status")
    raw_at = body.get("at")
    try:
        at = datetime.fromisoformat(raw_at) if isinstance(raw_at, str) else None
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise BadReceipt(_("at phải là thời điểm ISO 8601 có múi giờ."), "invalid_field",
                          field="at")
    clusters = body.get("clusters")
    if clusters is None:
        clusters = []
    if (not isinstance(clusters, list) or len(clusters) > MAX_CLUSTERS
            or not all(isinstance(c, str) and c.strip() for c in clusters)):
        raise BadReceipt(_("clusters phải là danh sách mã cụm loa."), "invalid_field",
                          field="clusters")
    return {"entry_id": entry_id, "status": status, "at": at,
            "clusters": sorted({c.strip() for c in clusters})}


def record_receipt(station: Station, *, entry_id: int, status: str, at: datetime,
                   clusters: list[str] | None, now: datetime) -> list[EmergencyReceipt]:
    """One step of one emergency at a station, for the whole station ("") or some clusters."""
    if status not in STEPS:
        raise BadReceipt(_("status phải là received, started hoặc finished."), "invalid_field",
                          field="status")
    entry = db.session.get(ScheduleEntry, entry_id)
    if entry is None or entry.station_id != station.id or entry.priority != Priority.emergency:
        raise NotFound(_("Không có tin khẩn cấp số %(id)s của trạm này.", id=entry_id),
                       "emergency_not_found", field="entry_id")
    codes = sorted(set(clusters or []))
    if codes:
        known = set(db.session.scalars(select(Cluster.code).where(
            Cluster.station_id == station.id, Cluster.code.in_(codes))))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise BadReceipt(_("Trạm không có cụm loa %(codes)s.", codes=", ".join(unknown)),
                              "invalid_field", field="clusters")
    rows = []
    for code in (codes or [""]):
        row = db.session.scalar(select(EmergencyReceipt).where(
            EmergencyReceipt.entry_id == entry_id, EmergencyReceipt.station_id == station.id,
            EmergencyReceipt.cluster_code == code))
        if row is None:
            row = EmergencyReceipt(entry_id=entry_id, station_id=station.id, cluster_code=code,
                                   batch_id=entry.batch_id or "", updated_at=now)
            db.session.add(row)
        if getattr(row, STEPS[status]) is None:
            setattr(row, STEPS[status], at)
            row.updated_at = now
        rows.append(row)
    db.session.flush()
    return rows

