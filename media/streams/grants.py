"""Who may hear which stream: station tokens, signed listen grants and the relay rule.

A listener opens `/<code>.mp3?token=…` on Icecast; Icecast asks the app (URL authentication).
The token is one of:
- a station's own token (a studio PC, a player set up by hand);
- a listener grant `l.…` (in playlists): signed for one listening station, bound to that
  station's current token, so rotating (revoking) the token also revokes every grant;
- a mount grant `m.…`: signed for one mount only, short-lived (the server's recorder, the
  operator page's player).
A station may hear its own mount, and a mount it relays: a relay entry of that station, not
cancelled, whose slot is within RELAY_MARGIN of now.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from radio.db import db
from radio.models import ScheduleEntry, Station
from radio.models.schedule_entry import RELAYED
from radio.stations import station_by_token

SALT = "radio.stream-grant.v1"
RELAY_MARGIN = timedelta(minutes=15)


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT)


def listener_grant(secret: str, station: Station, expires: int) -> str:
    """A token for `station` to hear the mounts it may hear, until `expires` (UNIX seconds)."""
    return "l." + _serializer(secret).dumps(
        {"l": station.id, "h": (station.token_hash or "")[:16], "e": int(expires)})


def mount_grant(secret: str, code: str, expires: int) -> str:
    """A token that opens the mount of station `code` only, until `expires`."""
    return "m." + _serializer(secret).dumps({"m": code, "e": int(expires)})


def may_hear(listener: Station, source: Station, now: datetime) -> bool:
    if listener.id == source.id:
        return True
    return db.session.scalar(
        select(ScheduleEntry.id).where(
            ScheduleEntry.station_id == listener.id, ScheduleEntry.kind.in_(RELAYED),
            ScheduleEntry.relay_station_id == source.id, ScheduleEntry.cancelled_at.is_(None),
            ScheduleEntry.starts_at <= now + RELAY_MARGIN,
            ScheduleEntry.ends_at >= now - RELAY_MARGIN).limit(1)) is not None


def authorize(secret: str, token: str, source: Station, now: datetime) -> Station | str | None:
    """The listening station (or the mount code, for a mount grant) when `token` may hear
    `source` now; None otherwise."""
    if not token:
        return None
    if token[:2] in ("l.", "m."):
        try:
            data = _serializer(secret).loads(token[2:])
            expires = int(data["e"])
        except (BadSignature, KeyError, TypeError, ValueError):
            return None
        if now.timestamp() >= expires:
            return None
        if token[0] == "m":
            return source.code if data.get("m") == source.code else None
        listener = db.session.get(Station, data.get("l"))
        if listener is None or not listener.token_hash or listener.token_hash[:16] != data.get("h"):
            return None
    else:
        listener = station_by_token(token)
        if listener is None:
            return None
    return listener if may_hear(listener, source, now) else None
