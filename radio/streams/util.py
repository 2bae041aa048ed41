"""Reads of live sessions, for pages and panels."""

from __future__ import annotations

import time

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from radio.db import db
from radio.models import LiveSession, LiveStatus, Station
from radio.streams import grants
from radio.streams.urls import stream_url

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


def player_url(settings, secret: str, code: str) -> str:
    """The station's stream for a staff page's player (a short mount grant, no station token)."""
    return stream_url(settings, code, grants.mount_grant(secret, code,
                                                         int(time.time()) + PLAYER_GRANT_S))
