"""Signed, expiring media URLs, so standard players fetch playlist entries with no headers.

A token binds a media item id, the SHA-256 of the file it may serve and an expiry time (UNIX
seconds). The expiry is part of the signed payload rather than a signing timestamp, so the same
playlist day always yields the same URLs and the playlist ETag can cover the rendered bytes.
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from itsdangerous import BadSignature, URLSafeSerializer

from radio.errors import DomainError
from radio.i18n import _

SALT = "radio.media-url.v1"
# Playlist URLs stay valid until the end of the day after the playlist day (late playout).
VALID_DAYS_AFTER = 2


@dataclass(frozen=True)
class Grant:
    media_id: int | None
    sha256: str
    expires: int


class InvalidToken(DomainError):
    code = "invalid_signature"
    status = 403


class ExpiredToken(DomainError):
    code = "expired_signature"
    status = 410


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT)


def sign(secret: str, media_id: int | None, sha256: str, expires: int) -> str:
    return _serializer(secret).dumps({"m": media_id, "s": sha256, "e": int(expires)})


def verify(secret: str, token: str, *, now: float | None = None) -> Grant:
    """The grant in a token; raises InvalidToken if altered, ExpiredToken if too old."""
    try:
        data = _serializer(secret).loads(token)
        grant = Grant(media_id=data["m"], sha256=str(data["s"]), expires=int(data["e"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        raise InvalidToken(_("Đường dẫn tệp không hợp lệ."), "invalid_signature") from None
    if (now if now is not None else _time.time()) >= grant.expires:
        raise ExpiredToken(_("Đường dẫn tệp đã hết hạn; hãy tải lại danh sách phát."),
                           "expired_signature")
    return grant


def expiry_for_day(day: date, tz: ZoneInfo) -> int:
    """Expiry of the URLs in a playlist for `day`: local midnight VALID_DAYS_AFTER days later."""
    end = datetime.combine(day + timedelta(days=VALID_DAYS_AFTER), dtime(0), tzinfo=tz)
    return int(end.timestamp())


def media_url_builder(base_url: str, secret: str, expires: int, relay=None):
    """A url_for_media callable for the playlist formatters: absolute signed URLs. `relay`
    (station code -> stream URL) gives the URL of a relayed station's stream."""
    base = base_url.rstrip("/")
    serializer = _serializer(secret)
    cache: dict[tuple, str] = {}

    def url_for_media(item) -> str | None:
        if item.kind == "relay":
            return relay(item.relay_station) if relay is not None else None
        # The same file appears on many stations' playlists: sign it once per builder.
        key = (item.media_id, item.sha256)
        url = cache.get(key)
        if url is None:
            token = serializer.dumps({"m": item.media_id, "s": item.sha256, "e": int(expires)})
            url = cache[key] = f"{base}/api/v1/signed/{token}.mp3"
        return url

    return url_for_media
