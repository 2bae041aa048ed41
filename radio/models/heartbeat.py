"""A station agent's heartbeat: version, cache state, free disk, what is playing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class Heartbeat(Base):
    __tablename__ = "heartbeats"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    agent_version: Mapped[str] = mapped_column(String(64), default="")
    free_disk_bytes: Mapped[int | None] = mapped_column(BigInteger)  # disks exceed 2 GiB
    now_playing: Mapped[str] = mapped_column(String(500), default="")
    cache_state: Mapped[dict | None] = mapped_column(JSON)
