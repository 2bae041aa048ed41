"""Small helpers shared by the foundation tests."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from radio.db import db
from radio.models import AuditEntry, BroadcastWindow, Station, User, user_stations


def counts() -> dict[str, int]:
    """Row counts of the tables that staff changes touch."""
    return {
        "stations": db.session.scalar(select(func.count()).select_from(Station)),
        "windows": db.session.scalar(select(func.count()).select_from(BroadcastWindow)),
        "users": db.session.scalar(select(func.count()).select_from(User)),
        "user_stations": db.session.scalar(select(func.count()).select_from(user_stations)),
        "audit": db.session.scalar(select(func.count()).select_from(AuditEntry)),
    }


def last_audit(action: str) -> AuditEntry | None:
    return db.session.scalar(select(AuditEntry).where(AuditEntry.action == action)
                             .order_by(AuditEntry.id.desc()).limit(1))


def page_token(html: str) -> str:
    """The one-time token shown on a token page."""
    match = re.search(r'<code id="token" class="token">([^<]+)</code>', html)
    assert match, html
    return match.group(1)


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, html
    return match.group(1)
