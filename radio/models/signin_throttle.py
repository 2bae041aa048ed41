"""Failed sign-ins (or bad tokens) counted per account or per address, shared by all workers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class SigninThrottle(Base):
    __tablename__ = "signin_throttle"
    __table_args__ = (UniqueConstraint("scope", "key", name="uq_signin_throttle_scope_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))  # account | address | token
    key: Mapped[str] = mapped_column(String(128))  # a username or a remote address
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    locked_until: Mapped[datetime | None] = mapped_column()
    refused: Mapped[int] = mapped_column(default=0)  # tries turned away during this lock
