"""Proof that an emergency reached a station (and its clusters): received, started, finished.

One row per emergency entry, station and cluster (`cluster_id` None: the whole station). The
agent reports each step with its own time; the server keeps when it heard it too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class EmergencyReceipt(Base):
    __tablename__ = "emergency_receipts"
    __table_args__ = (UniqueConstraint("entry_id", "station_id", "cluster_code",
                                       name="uq_emergency_receipts_entry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("schedule_entries.id"), index=True)
    batch_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    cluster_code: Mapped[str] = mapped_column(String(64), default="")  # "": the whole station
    received_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
