"""URLs of station streams, as players and relaying stations open them."""

from __future__ import annotations

from urllib.parse import quote

from media.streams import grants
from media.streams.icecast import mount_of, stream_config
from radio.models import Station


def stream_url(settings, code: str, token: str) -> str:
    return f"{stream_config(settings).public_url}{mount_of(code)}?token={quote(token, safe='')}"


def relay_url_builder(settings, secret: str, listener: Station, expires: int):
    """A callable code -> the URL of that station's stream with `listener`'s grant."""
    token = grants.listener_grant(secret, listener, expires)

    def relay_url(code: str) -> str:
        return stream_url(settings, code, token)

    return relay_url
