"""Store a station's health report: the latest (station_health) and the 5-minute history
(health_samples). Flushes, never commits. Called from the heartbeat ingest."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import HealthSample, Station, StationHealth
from radio.models.health_sample import BUCKET_S, KEEP_DAYS

_NUMBER = (int, float)


def _get(data: dict, path: str, kinds: tuple, field: str):
    value = data
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    if value is None:
        return None
    if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
        raise DomainError(_("Trường %(field)s sai kiểu.", field=field), "invalid_field",
                          field=f"health.{field}")
    return value


def bucket_of(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0, minute=at.minute - at.minute % (BUCKET_S // 60))


def record_health(station: Station, data: dict, now: datetime) -> StationHealth:
    """Validate and store one health report (see docs/fleet.md)."""
    if not isinstance(data, dict):
        raise DomainError(_("health phải là một đối tượng JSON."), "invalid_field", field="health")
    missing = _get(data, "cache.missing", (list,), "cache.missing")
    values = dict(
        received_at=now,
        agent_version=str(data.get("agent_version") or "")[:64],
        uptime_s=_get(data, "uptime_s", _NUMBER, "uptime_s"),
        free_disk_bytes=_get(data, "free_disk_bytes", (int,), "free_disk_bytes"),
        cache_ready=_get(data, "cache.ready", (bool,), "cache.ready"),
        cache_missing=missing[:200] if missing is not None else None,
        player_state=str(_get(data, "player.state", (str,), "player.state") or "")[:16],
        now_playing=str(_get(data, "player.title", (str,), "player.title") or "")[:500],
        now_entry_id=_get(data, "player.entry_id", (int,), "player.entry_id"),
        output_level_db=_get(data, "player.level_db", _NUMBER, "player.level_db"),
        silence_s=_get(data, "player.silence_s", _NUMBER, "player.silence_s"),
        volume=_get(data, "volume", (int,), "volume"),
        rtt_ms=_get(data, "link.rtt_ms", _NUMBER, "link.rtt_ms"),
        failed_requests_1h=_get(data, "link.failed_1h", (int,), "link.failed_1h"),
        clock_offset_s=_get(data, "clock.offset_s", _NUMBER, "clock.offset_s"),
        report=data,
    )
    row = db.session.get(StationHealth, station.id)
    if row is None:
        row = StationHealth(station_id=station.id, **values)
        db.session.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    _sample(station.id, values, now)
    db.session.flush()
    return row


def _sample(station_id: int, values: dict, now: datetime) -> None:
    at = bucket_of(now)
    sample = db.session.scalar(select(HealthSample).where(HealthSample.station_id == station_id,
                                                          HealthSample.bucket_at == at))
    if sample is None:
        sample = HealthSample(station_id=station_id, bucket_at=at, contacts=0)
        db.session.add(sample)
    sample.contacts = (sample.contacts or 0) + 1
    for key in ("cache_ready", "free_disk_bytes", "volume", "rtt_ms", "output_level_db",
                "silence_s"):
        setattr(sample, key, values[key])
    offset = values["clock_offset_s"]
    if offset is not None and (sample.clock_offset_s is None
                               or abs(offset) > abs(sample.clock_offset_s)):
        sample.clock_offset_s = offset


def forget_old_samples(now: datetime) -> int:
    """Drop history older than 90 days (the retention job)."""
    result = db.session.execute(delete(HealthSample).where(
        HealthSample.bucket_at < now - timedelta(days=KEEP_DAYS)))
    return result.rowcount or 0
