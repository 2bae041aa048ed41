"""A live session (phát trực tiếp): a source on a station's stream mount, recorded while on air."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.base import Base, utcnow
from radio.models.media_item import MediaItem
from radio.models.station import Station
from radio.models.user import User


class LiveStatus(enum.StrEnum):
    waiting = "waiting"  # announced (radio live, the browser page), no sound on the mount yet
    live = "live"  # the mount has a source and the recorder runs
    ended = "ended"  # the recording is archived
    failed = "failed"  # no source ever came, or nothing could be recorded


class LiveSession(Base):
    __tablename__ = "live_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    status: Mapped[LiveStatus] = mapped_column(
        Enum(LiveStatus, native_enum=False, length=16), default=LiveStatus.waiting)
    source: Mapped[str] = mapped_column(String(32), default="")  # cli | browser | external
    title: Mapped[str] = mapped_column(String(500), default="")
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    started_by_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]
    media_item_id: Mapped[int | None] = mapped_column(ForeignKey("media_items.id"))
    note: Mapped[str] = mapped_column(String(1000), default="")

    station: Mapped[Station] = relationship()
    started_by: Mapped[User | None] = relationship()
    media_item: Mapped[MediaItem | None] = relationship()

    @property
    def duration_s(self) -> float | None:
        if self.media_item is not None:
            return self.media_item.duration_s
        return None
