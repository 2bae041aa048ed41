"""A daily seal of a hash chain (as-run events or audit log): the head at the end of a day."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class ChainSeal(Base):
    __tablename__ = "chain_seals"
    __table_args__ = (UniqueConstraint("chain", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(32))  # "asrun" or "audit"
    day: Mapped[date]
    head_seq: Mapped[int]
    head_hash: Mapped[str] = mapped_column(String(64))
    row_count: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
