"""Icecast's URL authentication, answered by the app: may this listener hear this mount?

Icecast posts `action=listener_add`, `mount=/<code>.mp3?token=…` (the query string the player
used), `user`, `pass` (HTTP basic credentials, if the player sent any) and `ip`. The answer is
"yes" with the header `icecast-auth-user: 1`; anything else refuses the listener (401).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from media.streams import grants
from radio.db import db
from radio.models import Station


def parse_mount(mount: str) -> tuple[str | None, str]:
    """(station code, token from the query) of an Icecast mount with its query string."""
    parts = urlsplit(mount or "")
    path = parts.path
    if not path.startswith("/") or not path.endswith(".mp3") or path.count("/") != 1:
        return None, ""
    token = (parse_qs(parts.query).get("token") or [""])[0]
    return path[1:-4] or None, token


def listener_allowed(form, secret: str, now: datetime) -> bool:
    if form.get("action") != "listener_add":
        return False
    code, token = parse_mount(form.get("mount", ""))
    if code is None:
        return False
    token = token or form.get("pass", "")
    source = db.session.scalar(select(Station).where(Station.code == code))
    if source is None:
        return False
    return grants.authorize(secret, token, source, now) is not None
