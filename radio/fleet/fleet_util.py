"""Reads for the fleet page, `radio fleet` and GET /api/v1/fleet: one record per station and per
cluster with the latest health and the open alerts, and each station's last 24 h of contact.

A cluster inherits its station's health (it has no agent of its own): its line shows its name,
what it covers and the station's state. Pure reads.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from radio import clock
from radio.clusters.queries import clusters_by_station
from radio.db import db
from radio.models import Alert, HealthSample, Station, StationHealth, StationUnit
from radio.models.health_sample import BUCKET_S
from radio.scopes import units_in_scope, visible_station_ids
from radio.units.queries import get_unit, units_by_station_on

ONLINE_WITHIN = timedelta(minutes=3)
CLOCK_WARN_S = 5.0
DISK_WARN_BYTES = 1_000_000_000  # 1 GB
BUCKETS_24H = 24 * 3600 // BUCKET_S  # 288
KIND_ORDER = {"province": 0, "district": 1, "commune": 2}  # the province's station first


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def _last_seen(station: Station, health: StationHealth | None) -> datetime | None:
    times = [t for t in (station.last_contact_at, health.received_at if health else None) if t]
    return max(times) if times else None


def station_ids_for_unit(code: str, day) -> set[int]:
    """The stations serving the unit `code` (its edition in force on `day`) or one of the units
    it reaches (a commune: its former communes; a province: its communes)."""
    unit = get_unit(code, day)
    return set(db.session.scalars(select(StationUnit.station_id).where(
        StationUnit.unit_id.in_(sorted(units_in_scope(unit)))).distinct()))


def _stations(user, unit: str | None, day) -> list[Station]:
    q = select(Station).where(Station.valid_from <= day,
                              (Station.valid_to.is_(None)) | (Station.valid_to >= day))
    visible = None if user is None else visible_station_ids(user)
    if visible is not None:
        q = q.where(Station.id.in_(sorted(visible)))
    if unit:
        q = q.where(Station.id.in_(sorted(station_ids_for_unit(unit, day))))
    rows = db.session.scalars(q.order_by(Station.code))
    return sorted(rows, key=lambda s: (KIND_ORDER.get(s.kind.value, 9), s.code))


def _alerts_by_station(ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    if not ids:
        return out
    for a in db.session.scalars(select(Alert).where(Alert.station_id.in_(ids),
                                                    Alert.closed_at.is_(None))
                                .order_by(Alert.opened_at, Alert.id)):
        out.setdefault(a.station_id, []).append(
            {"kind": a.kind.value, "level": a.level.value, "message": a.message,
             "opened_at": _iso(a.opened_at)})
    return out


def warnings_of(record: dict) -> list[str]:
    """The warnings of a record: offline, cache, clock (over 5 s), disk (under 1 GB),
    silence."""
    out = []
    if not record["online"]:
        out.append("offline")
    if record["cache_ready"] is False:
        out.append("cache")
    if record["clock_offset_s"] is not None and abs(record["clock_offset_s"]) > CLOCK_WARN_S:
        out.append("clock")
    if record["free_disk_bytes"] is not None and record["free_disk_bytes"] < DISK_WARN_BYTES:
        out.append("disk")
    if record["silence_s"]:
        out.append("silence")
    return out


def _health_fields(station: Station, health: StationHealth | None, now: datetime) -> dict:
    seen = _last_seen(station, health)
    h = health
    return {
        "online": seen is not None and now - seen <= ONLINE_WITHIN,
        "last_seen": _iso(seen),
        "agent_version": h.agent_version or None if h else None,
        "cache_ready": h.cache_ready if h else None,
        "cache_missing": list(h.cache_missing or []) if h else [],
        "clock_offset_s": h.clock_offset_s if h else None,
        "free_disk_bytes": h.free_disk_bytes if h else None,
        "level_db": h.output_level_db if h else None,
        "silence_s": h.silence_s if h else None,
        "volume": h.volume if h else None,
        "player_state": h.player_state or None if h else None,
        "now_playing": h.now_playing or None if h else None,
    }


def fleet(user, *, unit: str | None = None, now: datetime) -> list[dict]:
    """One record per station in the user's scope (filtered by unit code, current edition),
    each followed by the records of its clusters existing today. `user` None is the command
    line: the whole network (web callers always pass their principal)."""
    day = now.astimezone(clock.zone()).date()
    stations = _stations(user, unit, day)
    ids = [s.id for s in stations]
    healths = {h.station_id: h for h in db.session.scalars(
        select(StationHealth).where(StationHealth.station_id.in_(ids)))} if ids else {}
    clusters = clusters_by_station(ids, day) if ids else {}
    alerts = _alerts_by_station(ids)
    units = units_by_station_on(day)
    out: list[dict] = []
    for s in stations:
        unit_row = units.get(s.id)
        fields = _health_fields(s, healths.get(s.id), now)
        record = {"code": s.code, "name": s.name, "kind": "station", "station": None,
                  "station_id": s.id, "unit": unit_row.code if unit_row else None,
                  "unit_name": unit_row.name if unit_row else None, "covers": None,
                  **fields, "alerts": alerts.get(s.id, [])}
        record["warnings"] = warnings_of(record)
        out.append(record)
        for c in clusters.get(s.id, []):
            out.append(record | {"code": c.code, "name": c.name, "kind": "cluster",
                                 "station": s.code, "covers": c.covers or None,
                                 "unit": c.unit.code if c.unit else record["unit"],
                                 "unit_name": c.unit.name if c.unit else record["unit_name"]})
    return out


def public_record(record: dict) -> dict:
    """A record as the CLI JSON and the API give it (no internal ids)."""
    return {k: v for k, v in record.items() if k != "station_id"}


def contact_sparkline(station_ids, now: datetime) -> dict[int, list[int]]:
    """station id → its contacts in each of the 288 five-minute buckets of the last 24 h, oldest
    first (the last bucket is the one holding `now`), in one query."""
    ids = sorted(set(station_ids))
    out = {sid: [0] * BUCKETS_24H for sid in ids}
    if not ids:
        return out
    step = timedelta(seconds=BUCKET_S)
    now = now.astimezone(UTC)
    last = now.replace(second=0, microsecond=0, minute=now.minute - now.minute % (BUCKET_S // 60))
    first = last - step * (BUCKETS_24H - 1)
    rows = db.session.execute(select(HealthSample.station_id, HealthSample.bucket_at,
                                     HealthSample.contacts).where(
        HealthSample.station_id.in_(ids), HealthSample.bucket_at >= first,
        HealthSample.bucket_at <= last))
    for sid, at, contacts in rows:
        index = int((at - first) / step)
        if 0 <= index < BUCKETS_24H:
            out[sid][index] += contacts or 0
    return out
