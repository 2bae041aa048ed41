"""Reads of live sessions, for pages and panels."""

from __future__ import annotations

import time
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from media.streams import grants
from media.streams.urls import stream_url
from radio.db import db
from radio.models import LiveSession, LiveStatus, ScheduleEntry, Station
from radio.models.schedule_entry import RELAYED

PLAYER_GRANT_S = 6 * 3600


def recent_sessions(limit: int = 10, station: Station | None = None) -> list[LiveSession]:
    q = (select(LiveSession).options(selectinload(LiveSession.station),
                                     selectinload(LiveSession.media_item))
         .where(LiveSession.status.in_([LiveStatus.live, LiveStatus.ended, LiveStatus.failed])))
    if station is not None:
        q = q.where(LiveSession.station_id == station.id)
    return list(db.session.scalars(q.order_by(LiveSession.id.desc()).limit(limit)))


def live_now() -> list[LiveSession]:
    return list(db.session.scalars(
        select(LiveSession).options(selectinload(LiveSession.station))
        .where(LiveSession.status == LiveStatus.live).order_by(LiveSession.started_at)))


def relaying(source_ids: list[int], now: datetime) -> dict[int, list[Station]]:
    """The stations relaying each of these stations now (a relay entry covering `now`)."""
    if not source_ids:
        return {}
    rows = db.session.execute(
        select(ScheduleEntry.relay_station_id, Station)
        .join(Station, Station.id == ScheduleEntry.station_id)
        .where(ScheduleEntry.kind.in_(RELAYED),
               ScheduleEntry.relay_station_id.in_(source_ids),
               ScheduleEntry.cancelled_at.is_(None), ScheduleEntry.starts_at <= now,
               ScheduleEntry.ends_at > now).order_by(Station.name)).all()
    found: dict[int, list[Station]] = {}
    for source_id, station in rows:
        if station not in found.setdefault(source_id, []):
            found[source_id].append(station)
    return found


def player_url(settings, secret: str, code: str) -> str:
    """The station's stream for a staff page's player (a short mount grant, no station token)."""
    return stream_url(settings, code, grants.mount_grant(secret, code,
                                                         int(time.time()) + PLAYER_GRANT_S))


def session_of_item(media_item_id: int) -> LiveSession | None:
    """The live session whose archived recording is this media item (its evidence card)."""
    return db.session.scalar(
        select(LiveSession).options(selectinload(LiveSession.station),
                                    selectinload(LiveSession.started_by))
        .where(LiveSession.media_item_id == media_item_id).order_by(LiveSession.id).limit(1))
