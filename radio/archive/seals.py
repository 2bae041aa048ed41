"""Daily seals: the head of each hash chain at the end of a day, kept in `chain_seals`.

A seal makes a deleted or rewritten tail detectable: the chain alone cannot tell that its last
rows were removed, but the seal remembers the head and the number of rows up to it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from radio import clock
from radio.clock import zone
from radio.db import db
from radio.models import AsRunEvent, AuditEntry, ChainSeal

JOB_ID = "archive_seal"
_CHAINS = {"asrun": (AsRunEvent, AsRunEvent.seq), "audit": (AuditEntry, AuditEntry.id)}


def seal_day(day: date | None = None) -> list[ChainSeal]:
    """Seal each chain's head as of the end of local `day` (default: yesterday). Idempotent.

    Rows are sealed by insertion order, so a late as-run event recorded after the seal simply
    falls under the next day's seal. Flushes, never commits.
    """
    tz = zone()
    if day is None:
        day = clock.today(tz) - timedelta(days=1)
    made = []
    for name, (model, key_col) in _CHAINS.items():
        if db.session.scalar(select(ChainSeal.id).where(ChainSeal.chain == name,
                                                        ChainSeal.day == day)):
            continue
        head = db.session.execute(select(key_col, model.row_hash).order_by(key_col.desc())
                                  .limit(1)).first()
        if head is None:
            continue
        count = db.session.scalar(select(func.count()).select_from(model)
                                  .where(key_col <= head[0]))
        seal = ChainSeal(chain=name, day=day, head_seq=head[0], head_hash=head[1] or "",
                         row_count=count, created_at=clock.now())
        db.session.add(seal)
        made.append(seal)
    db.session.flush()
    return made


def day_end(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), zone()).astimezone(UTC)


def daily_seal_job() -> int:
    """Scheduled job (id `archive_seal`): seal yesterday, commit. Needs an app context (the
    scheduler's job runner gives one)."""
    made = seal_day()
    db.session.commit()
    return len(made)


def latest_seals() -> dict[str, ChainSeal]:
    out = {}
    for name in _CHAINS:
        seal = db.session.scalar(select(ChainSeal).where(ChainSeal.chain == name)
                                 .order_by(ChainSeal.day.desc()).limit(1))
        if seal is not None:
            out[name] = seal
    return out
