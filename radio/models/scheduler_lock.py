"""The lease that lets exactly one process run the job scheduler, and its heartbeat."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base


class SchedulerLock(Base):
    __tablename__ = "scheduler_lock"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]
