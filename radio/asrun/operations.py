"""Station reports: as-run events (what stations report they aired, stored once each and
hash-chained) and heartbeats.

Events are idempotent by their UUID: a batch sent twice, or events arriving days late and out of
order, are stored exactly once. Invalid events are rejected one by one with their index and a
reason; the valid ones in the same batch are stored. Each stored row copies the title, agency
and topics at record time, so later edits to the library never change the evidence.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update

from radio import audit, chain, clock
from radio.airings import operations as airing_ops
from radio.airings import util as airing_util
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import (
    Airing,
    AsRunEvent,
    AsRunStatus,
    EntryKind,
    Heartbeat,
    MediaItem,
    ScheduleEntry,
    Station,
    User,
)

MAX_BATCH = 500
MAX_NOTE = 2000
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
# Reports from the far future are clock errors on the device, not broadcasts.
FUTURE_SLACK = timedelta(hours=1)
HEARTBEAT_KEEP = timedelta(days=14)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def asrun_content(event: AsRunEvent) -> dict:
    """The fields the as-run hash chain covers (the archive verifier recomputes this)."""
    return {
        "seq": event.seq,
        "event_uuid": event.event_uuid,
        "station_id": event.station_id,
        "entry_id": event.entry_id,
        "media_item_id": event.media_item_id,
        "media_sha256": event.media_sha256,
        "title": event.title,
        "agency_name": event.agency_name,
        "topic_slugs": event.topic_slugs,
        "scheduled_at": _iso(event.scheduled_at),
        "started_at": _iso(event.started_at),
        "ended_at": _iso(event.ended_at),
        "status": AsRunStatus(event.status).value,
        "note": event.note,
        "manual": bool(event.manual),
        "recorded_by_id": event.recorded_by_id,
        "received_at": _iso(event.received_at),
    }


@dataclass
class Rejection:
    index: int
    code: str
    reason: str
    id: str | None = None

    def as_dict(self) -> dict:
        return {"index": self.index, "id": self.id, "code": self.code, "reason": self.reason}


@dataclass
class IngestResult:
    """What a batch did: new events stored, already-known ones, and rejections by index."""

    new: list[AsRunEvent] = field(default_factory=list)
    known: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "accepted": len(self.new),
            "already_known": self.known,
            "rejected": [r.as_dict() for r in self.rejected],
            "partial": bool(self.rejected) and bool(self.new or self.known),
        }


class _Invalid(Exception):
    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


def parse_time(value, name: str) -> datetime:
    """An ISO 8601 time with an explicit offset, as an aware UTC datetime."""
    if not isinstance(value, str):
        raise _Invalid("invalid_time", _("Thiếu thời gian %(name)s (ISO 8601 có múi giờ).",
                                         name=name))
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise _Invalid("invalid_time", _("Thời gian %(name)s “%(value)s” không đúng ISO 8601.",
                                         name=name, value=value)) from None
    if parsed.tzinfo is None:
        raise _Invalid("naive_time", _("Thời gian %(name)s phải có múi giờ, ví dụ +07:00.",
                                       name=name))
    return parsed.astimezone(UTC)


def _entry_for(station: Station, entry_id) -> ScheduleEntry | None:
    if entry_id is None:
        return None
    if isinstance(entry_id, bool) or not isinstance(entry_id, int):
        raise _Invalid("invalid_entry", _("entry_id phải là số nguyên."))
    entry = db.session.get(ScheduleEntry, entry_id)
    if entry is None or entry.station_id != station.id:
        raise _Invalid("entry_not_found",
                       _("Lịch phát số %(id)s không có trên đài này.", id=entry_id))
    return entry


def _media_for(entry: ScheduleEntry | None, sha: str | None) -> MediaItem | None:
    if sha:
        item = db.session.scalar(select(MediaItem).where(MediaItem.rendition_sha256 == sha))
        item = item or db.session.scalar(select(MediaItem).where(MediaItem.original_sha256 == sha))
        if item is not None:
            return item
    if entry is not None and entry.media_item_id:
        return db.session.get(MediaItem, entry.media_item_id)
    return None


def _title_for(entry: ScheduleEntry | None, item: MediaItem | None) -> str:
    if item is not None:
        return item.title
    if entry is None:
        return ""
    if entry.kind in (EntryKind.programme, EntryKind.live) and entry.occurrence is not None:
        return entry.occurrence.programme.name
    if entry.kind == EntryKind.live and entry.relay_station is not None:
        return _("Phát trực tiếp %(source)s", source=entry.relay_station.name)
    if entry.kind == EntryKind.relay:
        source = entry.relay_station.name if entry.relay_station else (entry.relay_url or "")
        return _("Tiếp âm %(source)s", source=source)
    return ""


def _validate(station: Station, raw, now: datetime) -> dict:
    if not isinstance(raw, dict):
        raise _Invalid("invalid_event", _("Mỗi sự kiện phải là một đối tượng JSON."))
    try:
        event_uuid = str(uuid.UUID(str(raw.get("id", ""))))
    except ValueError:
        raise _Invalid("invalid_id", _("id phải là một UUID.")) from None
    try:
        status = AsRunStatus(raw.get("status"))
    except ValueError:
        raise _Invalid("invalid_status", _("status phải là aired, partial, skipped hoặc failed.")) \
            from None
    started_at = parse_time(raw.get("started_at"), "started_at")
    ended_at = parse_time(raw["ended_at"], "ended_at") if raw.get("ended_at") is not None else None
    if ended_at is not None and ended_at < started_at:
        raise _Invalid("invalid_time", _("ended_at không được trước started_at."))
    if started_at > now + FUTURE_SLACK:
        raise _Invalid("future_time", _("started_at ở tương lai: đồng hồ thiết bị có thể bị sai."))
    sha = raw.get("media_sha256")
    if sha is not None and (not isinstance(sha, str) or not SHA_RE.match(sha)):
        raise _Invalid("invalid_sha256", _("media_sha256 phải là 64 chữ số hex thường."))
    note = raw.get("note") or ""
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise _Invalid("invalid_note", _("note phải là chuỗi tối đa %(n)s ký tự.", n=MAX_NOTE))
    airing = _airing_for(station, raw.get("airing_id"))
    entry = airing.entry if airing is not None else _entry_for(station, raw.get("entry_id"))
    if airing is not None and raw.get("entry_id") not in (None, entry.id):
        raise _Invalid("airing_mismatch", _("Lượt phát %(a)s không thuộc lịch phát %(e)s.",
                                            a=airing.id, e=raw.get("entry_id")))
    if entry is not None:
        airing = _plausible_airing(entry, airing, started_at)
    item = _media_for(entry, sha)
    if item is not None and item.created_at is not None and started_at < item.created_at:
        raise _Invalid("before_media", _(
            "Bắt đầu lúc %(at)s, trước khi tệp “%(title)s” có trên hệ thống (%(created)s).",
            at=_local(started_at), title=item.title, created=_local(item.created_at)))
    return {"event_uuid": event_uuid, "status": status, "started_at": started_at,
            "ended_at": ended_at, "media_sha256": sha, "note": note, "entry": entry,
            "airing": airing, "item": item}


def _local(value: datetime) -> str:
    return value.astimezone(clock.zone()).strftime("%H:%M %d/%m/%Y")


def _airing_for(station: Station, airing_id) -> Airing | None:
    if airing_id is None:
        return None
    if isinstance(airing_id, bool) or not isinstance(airing_id, int):
        raise _Invalid("invalid_airing", _("airing_id phải là số nguyên."))
    airing = db.session.get(Airing, airing_id)
    if airing is None or airing.station_id != station.id:
        raise _Invalid("airing_not_found",
                       _("Lượt phát số %(id)s không có trên đài này.", id=airing_id))
    return airing


def _plausible_airing(entry: ScheduleEntry, airing: Airing | None,
                      started_at: datetime) -> Airing:
    """The airing the report proves, or a rejection when its time cannot be true."""
    found = airing if airing is not None and airing_util.plausible(airing, started_at) else None
    if airing is None:
        found = airing_util.airing_near(entry.id, started_at)
    if found is not None:
        return found
    early, late = airing_util.tolerance()
    target = airing or min(airing_util.airings_of(entry.id), default=None,
                           key=lambda a: abs((a.starts_at - started_at).total_seconds()))
    when = _local(target.starts_at) if target is not None else _local(entry.starts_at)
    raise _Invalid("implausible_time", _(
        "Bắt đầu lúc %(at)s không khớp lượt phát lúc %(when)s (cho phép sớm %(early)s phút, "
        "muộn %(late)s phút).", at=_local(started_at), when=when,
        early=int(early.total_seconds() // 60), late=int(late.total_seconds() // 60)))


def ingest(station: Station, events, *, actor: User | None = None,
           manual: bool = False) -> IngestResult:
    """Store a batch of as-run events for a station. Flushes, never commits."""
    session = db.session
    now = clock.now().replace(microsecond=0)
    if not isinstance(events, list):
        events = [events]
    # On SQLite the first write takes the database lock; do it before reading the chain head.
    session.execute(update(Station).where(Station.id == station.id).values(last_contact_at=now))
    result = IngestResult()
    valid: list[tuple[int, dict]] = []
    for index, raw in enumerate(events[:MAX_BATCH]):
        try:
            valid.append((index, _validate(station, raw, now)))
        except _Invalid as exc:
            event_id = raw.get("id") if isinstance(raw, dict) else None
            result.rejected.append(Rejection(index, exc.code, str(exc.reason),
                                             str(event_id) if event_id is not None else None))
    for index in range(MAX_BATCH, len(events)):
        result.rejected.append(Rejection(index, "batch_too_large",
                                         _("Mỗi lô tối đa %(n)s sự kiện.", n=MAX_BATCH)))
    if not valid:
        return result
    chain.lock_chain(session, "asrun")
    uuids = [v["event_uuid"] for _i, v in valid]
    existing = dict(session.execute(
        select(AsRunEvent.event_uuid, AsRunEvent.station_id)
        .where(AsRunEvent.event_uuid.in_(uuids))).all())
    prev = session.scalar(select(AsRunEvent.row_hash).order_by(AsRunEvent.seq.desc()).limit(1))
    prev = prev or chain.GENESIS
    for index, v in valid:
        owner = existing.get(v["event_uuid"])
        if owner is not None:
            if owner != station.id:
                result.rejected.append(Rejection(
                    index, "id_conflict",
                    _("id này đã được một đài khác dùng."), v["event_uuid"]))
            else:
                result.known += 1
            continue
        entry, airing, item = v["entry"], v["airing"], v["item"]
        row = AsRunEvent(
            event_uuid=v["event_uuid"], station_id=station.id,
            entry_id=entry.id if entry else None, airing_id=airing.id if airing else None,
            media_item_id=item.id if item else None,
            media_sha256=v["media_sha256"] or (item.rendition_sha256 if item else None),
            title=_title_for(entry, item)[:500],
            agency_name=(item.agency.name if item and item.agency else "")[:300],
            topic_slugs=",".join(t.slug for t in item.topics)[:1000] if item else "",
            scheduled_at=airing.starts_at if airing else None,
            started_at=v["started_at"], ended_at=v["ended_at"], status=v["status"],
            note=v["note"], manual=manual, recorded_by_id=actor.id if actor else None,
            received_at=now, prev_hash=prev,
        )
        session.add(row)
        session.flush()
        row.row_hash = chain.link(prev, asrun_content(row))
        prev = row.row_hash
        if airing is not None:
            airing_ops.mark_reported(airing, v["status"])
        existing[v["event_uuid"]] = station.id
        result.new.append(row)
    session.flush()
    if actor is not None and result.new:
        audit.record(actor, "asrun.manual" if manual else "asrun.record", "station", station.code,
                     after={"events": [r.event_uuid for r in result.new]},
                     summary=_("Ghi nhật ký phát %(n)s mục cho %(name)s", n=len(result.new),
                               name=station.name))
    return result



def record_heartbeat(station: Station, data: dict) -> Heartbeat:
    """Store one heartbeat and mark the station as heard from. Flushes, never commits."""
    if not isinstance(data, dict):
        raise DomainError(_("Nội dung phải là một đối tượng JSON."), "invalid_json")
    free = data.get("free_disk_bytes")
    if free is not None and (isinstance(free, bool) or not isinstance(free, int) or free < 0):
        raise DomainError(_("free_disk_bytes phải là số nguyên không âm."), "invalid_field",
                          field="free_disk_bytes")
    cache = data.get("cache")
    if cache is not None and not isinstance(cache, dict):
        raise DomainError(_("cache phải là một đối tượng JSON."), "invalid_field", field="cache")
    now = clock.now()
    session = db.session
    # A write first: on SQLite that takes the lock before any read in this transaction.
    session.execute(update(Station).where(Station.id == station.id).values(last_contact_at=now))
    beat = Heartbeat(station_id=station.id, received_at=now,
                     agent_version=str(data.get("agent_version") or "")[:64],
                     free_disk_bytes=free, now_playing=str(data.get("now_playing") or "")[:500],
                     cache_state=cache)
    session.add(beat)
    if data.get("health") is not None:
        from radio.fleet.health import record_health

        record_health(station, data["health"], now)
    # Only the recent past matters for "is it alive"; as-run events are the evidence.
    session.execute(delete(Heartbeat).where(Heartbeat.station_id == station.id,
                                            Heartbeat.received_at < now - HEARTBEAT_KEEP))
    session.flush()
    return beat
