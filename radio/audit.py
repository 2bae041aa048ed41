"""The append-only audit log of every change staff make."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import select

from radio import chain, clock
from radio.db import db
from radio.models import AuditEntry, User


def audit_content(row: AuditEntry) -> dict:
    """The fields that the chain hash covers."""
    return {
        "id": row.id,
        "at": row.at.astimezone(UTC).isoformat(),
        "user_id": row.user_id,
        "username": row.username,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "summary": row.summary,
        "before": row.before,
        "after": row.after,
    }


def record(actor: User | None, action: str, obj_type: str, obj_id: object = "", *,
           before: dict | None = None, after: dict | None = None, summary: str = "",
           actor_name: str = "system") -> AuditEntry:
    """Append one audit row, chained to the previous one. Flushes, never commits.

    Without an actor the row names `actor_name`: "system" for jobs and commands, "anonymous"
    for a client that is not signed in (a failed sign-in).
    """
    session = db.session
    chain.lock_chain(session, "audit")
    prev = session.scalar(select(AuditEntry.row_hash).order_by(AuditEntry.id.desc()).limit(1))
    row = AuditEntry(
        at=clock.now().replace(microsecond=0),
        user_id=actor.id if actor else None,
        username=actor.username if actor else actor_name,
        action=action,
        object_type=obj_type,
        object_id=str(obj_id or ""),
        summary=summary[:500],
        before=before,
        after=after,
        prev_hash=prev or chain.GENESIS,
    )
    session.add(row)
    session.flush()
    row.row_hash = chain.link(row.prev_hash, audit_content(row))
    session.flush()
    return row


def snapshot(obj, fields: list[str]) -> dict:
    """A JSON-safe dict of some attributes, for before/after."""
    out = {}
    for name in fields:
        value = getattr(obj, name)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif hasattr(value, "value"):
            value = value.value
        out[name] = value
    return out
