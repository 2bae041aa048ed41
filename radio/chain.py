"""Hash chains over append-only tables: each row carries SHA-256(content + previous hash)."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from enum import Enum

GENESIS = "0" * 64


def _default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot hash {type(value).__name__}")


def canonical(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=_default).encode()


def link(prev_hash: str | None, content: dict) -> str:
    h = hashlib.sha256()
    h.update((prev_hash or GENESIS).encode())
    h.update(canonical(content))
    return h.hexdigest()


def lock_chain(session, name: str) -> None:
    """Serialise writers of one chain. SQLite serialises writers itself.

    The lock key includes the schema, so databases sharing one server (schemas) never wait on
    each other's chains.
    """
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        from sqlalchemy import text

        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || :n))"),
                        {"n": name})
