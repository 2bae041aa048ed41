"""Writes of entries and emergencies: add, supersede and cancel; they validate, flush and never commit."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import or_, select

from radio import audit, clock
from radio.airings import operations as airing_ops
from radio.airings.expand import repeat_stop
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import (
    AiringStatus,
    EntryKind,
    MediaItem,
    Priority,
    ScheduleEntry,
    Station,
    User,
)
from radio.stations import get_station
from schedules import recurrence
from schedules.entries.clusters import choose_clusters, cluster_issues
from schedules.entries.targeting import (
    check_slots,
)
from schedules.entries.util import cancel_targets, get_media
from schedules.entries.validation import (
    Slot,
    past_issue,
)
from schedules.horizon import horizon_days


def _priority(value: str) -> Priority:
    try:
        return Priority(value)
    except ValueError:
        raise DomainError(_("Mức ưu tiên “%(p)s” không hợp lệ (normal, priority, emergency).",
                            p=value), "invalid_priority", field="priority") from None


def add_entries(actor: User | None, *, stations: list[Station], starts_at: datetime,
                media_id: int | None = None, relay_station_code: str | None = None,
                relay_url: str | None = None, duration_s: int | None = None,
                priority: str = "normal", rrule: str | None = None, until: date | None = None,
                repeat_every_s: int | None = None, repeat_until: datetime | None = None,
                note: str = "", confirm: bool = False, live: bool = False,
                clusters: Iterable[str] | None = None,
                now: datetime | None = None) -> list[ScheduleEntry]:
    """Put an item or a relay on one or more stations at a time (optionally recurring).
    With `live`, the relay of `relay_station_code` is a scheduled live session of that station.
    `clusters` (codes) narrows the entries to some loudspeaker clusters: each station takes the
    chosen clusters that belong to it (none: the whole station); an emergency refuses a choice.
    Everything is checked first; nothing is saved if anything is wrong."""
    tz = clock.zone()
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=tz)
    prio = _priority(priority)
    chosen = choose_clusters(stations, clusters, priority=prio.value)
    media: list[MediaItem] = []
    relay_station = None
    if media_id:
        item = get_media(int(media_id))
        media = [item]
        kind = EntryKind.item
        length = math.ceil(item.duration_s or 0) or (duration_s or 0)
        title = item.title
    elif relay_station_code or relay_url:
        kind = EntryKind.relay
        if relay_station_code:
            relay_station = get_station(relay_station_code)
            title = _("Tiếp âm %(name)s", name=relay_station.name)
            if live:
                kind = EntryKind.live
                title = _("Phát trực tiếp %(name)s", name=relay_station.name)
        else:
            if not relay_url.startswith(("http://", "https://", "rtmp://", "rtsp://")):
                raise DomainError(_("Địa chỉ luồng tiếp âm phải bắt đầu bằng http:// hoặc https://."),
                                  "invalid_relay_url", field="relay_url")
            title = note or _("Tiếp âm %(url)s", url=relay_url)
        length = int(duration_s or 0)
    else:
        raise DomainError(_("Hãy chọn tin/bài hoặc nguồn tiếp âm."), "no_content", field="media")
    if length <= 0:
        raise DomainError(_("Thời lượng phải lớn hơn 0 phút."), "invalid_duration",
                          field="duration")
    if kind == EntryKind.relay and relay_station is not None and any(
            s.id == relay_station.id for s in stations):
        raise DomainError(_("Một đài không thể tiếp âm chính nó."), "relay_self",
                          field="relay_station")
    starts = [starts_at]
    if rrule:
        local = starts_at.astimezone(tz)
        end_day = until or local.date() + timedelta(days=horizon_days())
        days = recurrence.rule_dates(recurrence.parse_rrule(rrule), local.date(), local.date(),
                                     end_day)
        starts = [datetime.combine(d, local.timetz()) for d in days]
    if not starts:
        raise DomainError(_("Quy tắc lặp không cho ngày nào."), "empty_rule", field="rrule")
    slots = [Slot(s.id, at, at + timedelta(seconds=length), prio.value, title)
             for at in starts for s in stations]
    check_slots(slots, stations={s.id: s for s in stations}, confirm=confirm, media=media,
                extra=[past_issue(min(starts), now or clock.now(), tz),
                       *cluster_issues(slots, chosen, tz)])
    batch = str(uuid.uuid4())
    rows = [ScheduleEntry(station_id=slot.station_id, kind=kind,
                          starts_at=slot.starts_at.astimezone(UTC),
                          ends_at=slot.ends_at.astimezone(UTC), priority=prio,
                          media_item_id=media[0].id if media else None,
                          relay_station_id=relay_station.id if relay_station else None,
                          relay_url=relay_url or None, repeat_every_s=repeat_every_s or None,
                          repeat_until=repeat_until, batch_id=batch, note=note or "",
                          clusters=list(chosen.get(slot.station_id, ())),
                          created_by_id=actor.id if actor else None) for slot in slots]
    db.session.add_all(rows)
    db.session.flush()
    if prio == Priority.emergency:
        supersede_older(rows)
    after = {"stations": [s.code for s in stations], "kind": kind.value,
             "priority": prio.value, "media_id": media[0].id if media else None,
             "starts": [a.isoformat() for a in starts[:20]], "count": len(rows)}
    if chosen:
        after["clusters"] = {s.code: [c.code for c in chosen[s.id]] for s in stations
                             if s.id in chosen}
    audit.record(actor, "schedule.add", "schedule_batch", batch, after=after,
                 summary=f"{title} × {len(rows)}")
    return rows


@dataclass(frozen=True)
class ItemEntry:
    """One item on one station at a time, in the bulk form below."""

    station: Station
    item: MediaItem
    starts_at: datetime
    length_s: float | None = None  # default: the item's own length
    priority: str = "normal"
    clusters: tuple[str, ...] = ()  # cluster codes of `station`; none: the whole station


def add_item_entries(actor: User | None, specs: list[ItemEntry], *,
                     confirm: bool = False) -> list[ScheduleEntry]:
    """The bulk form of add_entries for media items: many entries, each with its own station,
    time and length, checked together (one query for busy time) and audited once."""
    if not specs:
        return []
    prios = [_priority(s.priority) for s in specs]
    lengths = [timedelta(seconds=s.length_s if s.length_s is not None else s.item.duration_s or 0)
               for s in specs]
    if any(length.total_seconds() <= 0 for length in lengths):
        raise DomainError(_("Thời lượng phải lớn hơn 0 phút."), "invalid_duration",
                          field="duration")
    slots = [Slot(s.station.id, s.starts_at, s.starts_at + length, prio.value, s.item.title)
             for s, length, prio in zip(specs, lengths, prios, strict=True)]
    items = list({s.item.id: s.item for s in specs}.values())
    chosen = [choose_clusters([s.station], s.clusters, priority=p.value).get(s.station.id, [])
              if s.clusters else [] for s, p in zip(specs, prios, strict=True)]
    tz = clock.zone()
    check_slots(slots, stations={s.station.id: s.station for s in specs}, confirm=confirm,
                media=items, extra=[issue for slot, picked in zip(slots, chosen, strict=True)
                                    if picked for issue in
                                    cluster_issues([slot], {slot.station_id: picked}, tz)])
    batch = str(uuid.uuid4())
    rows = [ScheduleEntry(station_id=s.station.id, kind=EntryKind.item,
                          starts_at=slot.starts_at.astimezone(UTC),
                          ends_at=slot.ends_at.astimezone(UTC), priority=prio,
                          media_item_id=s.item.id, batch_id=batch, clusters=picked,
                          created_by_id=actor.id if actor else None)
            for s, slot, prio, picked in zip(specs, slots, prios, chosen, strict=True)]
    db.session.add_all(rows)
    db.session.flush()
    urgent = [r for r in rows if r.priority == Priority.emergency]
    if urgent:
        supersede_older(urgent)
    audit.record(actor, "schedule.add", "schedule_batch", batch,
                 after={"stations": sorted({s.station.code for s in specs}), "kind": "item",
                        "media_id": items[0].id if len(items) == 1 else None,
                        "count": len(rows)},
                 summary=f"{items[0].title} × {len(rows)}")
    return rows


def send_emergency(actor: User | None, *, stations: list[Station], media_id: int,
                   repeat_every_s: int | None = None, repeat_until: datetime | None = None,
                   times: int | None = None, at: datetime | None = None, note: str = "",
                   clusters: Iterable[str] | None = None,
                   now: datetime | None = None) -> list[ScheduleEntry]:
    """An emergency bulletin: airs at once (or at `at`), preempts, and may repeat every N
    seconds until a time or N times; with neither it repeats until cancelled, at most 24 hours
    (schedules.entries.emergencies.plan says so before sending). A newer emergency on the same
    station supersedes it. It is for every cluster of the stations: a choice of `clusters`
    is refused (code emergency_all_clusters)."""
    if repeat_every_s is not None and repeat_every_s < 60:
        raise DomainError(_("Khoảng lặp lại phải ít nhất 1 phút."), "invalid_repeat",
                          field="repeat_every")
    if times is not None and times < 1:
        raise DomainError(_("Số lần phát phải từ 1 trở lên."), "invalid_times", field="times")
    now = now or clock.now()
    starts_at = at or now
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=clock.zone())
    if repeat_until is not None and repeat_until.tzinfo is None:
        repeat_until = repeat_until.replace(tzinfo=clock.zone())
    if repeat_every_s and repeat_until is not None and repeat_until <= starts_at:
        raise DomainError(_("Giờ kết thúc phải sau giờ phát đầu tiên."), "invalid_until",
                          field="until")
    stop = repeat_stop(starts_at, repeat_every_s, repeat_until, times)
    return add_entries(actor, stations=stations, starts_at=starts_at, media_id=media_id,
                       priority="emergency", repeat_every_s=repeat_every_s,
                       repeat_until=stop, note=note, confirm=True, clusters=clusters, now=now)


def supersede_older(new_rows: list[ScheduleEntry]) -> int:
    """Older emergencies still active on the same stations stop at the newer one's start."""
    n = 0
    for row in new_rows:
        older = db.session.scalars(select(ScheduleEntry).where(
            ScheduleEntry.station_id == row.station_id, ScheduleEntry.id != row.id,
            ScheduleEntry.priority == Priority.emergency, ScheduleEntry.cancelled_at.is_(None),
            ScheduleEntry.superseded_by_id.is_(None), ScheduleEntry.starts_at <= row.starts_at,
            or_(ScheduleEntry.repeat_every_s.is_not(None), ScheduleEntry.ends_at > row.starts_at),
            or_(ScheduleEntry.repeat_until.is_(None), ScheduleEntry.repeat_until > row.starts_at)))
        for old in older:
            old.superseded_by_id = row.id
            airing_ops.withdraw([old.id], row.starts_at, AiringStatus.superseded)
            n += 1
    db.session.flush()
    return n


def cancel_entry(actor: User | None, entry: ScheduleEntry, *, whole_batch: bool = False,
                 now: datetime | None = None) -> int:
    """Cancel an entry (or every entry of its batch): its remaining airings are withdrawn, those
    aired or reported stay. Programme entries are skipped through their occurrence instead.
    Rows are kept for the record; one audit record. Returns the entries cancelled."""
    rows = cancel_targets(entry, whole_batch=whole_batch)
    now = now or clock.now()
    for row in rows:
        if row.cancelled_at is None:
            row.cancelled_at = now
    db.session.flush()
    n = airing_ops.withdraw([r.id for r in rows], now, AiringStatus.cancelled,
                            actor.id if actor else None)
    audit.record(actor, "schedule.cancel", "schedule_entry", entry.id,
                 after={"entries": len(rows), "stations": sorted({r.station.code for r in rows}),
                        "airings_cancelled": n},
                 summary=_("Huỷ %(n)s lịch phát", n=len(rows)))
    return len(rows)
