"""Retention of verification evidence: aired material is never deleted, only hidden."""

from __future__ import annotations

from sqlalchemy import exists, select

from radio.db import db
from radio.models import AsRunEvent


def has_aired(media_item_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(AsRunEvent.media_item_id == media_item_id))))


def may_delete_media(media_item_id: int) -> bool:
    """An item that has aired stays for the archive; it can only be retired (hidden)."""
    return not has_aired(media_item_id)
