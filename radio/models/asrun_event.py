"""What a station actually aired (nhật ký phát). Never deleted; keeps a copy of what it aired."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.base import Base, utcnow
from radio.models.station import Station


class AsRunStatus(enum.StrEnum):
    aired = "aired"
    partial = "partial"
    skipped = "skipped"
    failed = "failed"


class AsRunEvent(Base):
    __tablename__ = "asrun_events"

    # Chain order: the archive hashes rows in this order.
    seq: Mapped[int] = mapped_column(primary_key=True)
    # The station's own event id (UUID) makes uploads idempotent.
    event_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("schedule_entries.id"), index=True)
    # The one airing this event proves. Not in the chained content: linking never rewrites it.
    airing_id: Mapped[int | None] = mapped_column(ForeignKey("airings.id"), index=True)
    media_item_id: Mapped[int | None] = mapped_column(ForeignKey("media_items.id"), index=True)
    media_sha256: Mapped[str | None] = mapped_column(String(64))
    # Copies taken when the event is recorded, so later edits never change the evidence.
    title: Mapped[str] = mapped_column(String(500), default="")
    agency_name: Mapped[str] = mapped_column(String(300), default="")
    topic_slugs: Mapped[str] = mapped_column(String(1000), default="")  # comma-separated
    scheduled_at: Mapped[datetime | None]
    started_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]
    status: Mapped[AsRunStatus] = mapped_column(Enum(AsRunStatus, native_enum=False, length=16))
    note: Mapped[str] = mapped_column(Text, default="")
    manual: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))

    station: Mapped[Station] = relationship()
