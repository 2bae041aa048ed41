"""A schedule entry (lịch phát): something airs on one station at a time, with a priority."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.base import Base, utcnow
from radio.models.media_item import MediaItem
from radio.models.occurrence import Occurrence
from radio.models.station import Station

if TYPE_CHECKING:
    from radio.models.cluster import Cluster


class Priority(enum.StrEnum):
    """Levels of Thông tư 39/2020/TT-BTTTT."""

    normal = "normal"  # thông thường
    priority = "priority"  # ưu tiên
    emergency = "emergency"  # khẩn cấp


class EntryKind(enum.StrEnum):
    item = "item"  # one media item
    programme = "programme"  # an occurrence of a programme (its rundown)
    relay = "relay"  # tiếp âm: another station's programme or a stream
    live = "live"  # phát trực tiếp: the live stream of relay_station (a scheduled live session)


# Kinds aired from another station's stream for the whole slot (who may hear which mount).
RELAYED = (EntryKind.relay, EntryKind.live)


class ScheduleEntry(Base):
    __tablename__ = "schedule_entries"
    __table_args__ = (Index("ix_schedule_entries_station_start", "station_id", "starts_at"),
                      # emergencies are few: the banner on every page finds them by this
                      Index("ix_schedule_entries_priority", "priority"))

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    kind: Mapped[EntryKind] = mapped_column(Enum(EntryKind, native_enum=False, length=16))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    priority: Mapped[Priority] = mapped_column(
        Enum(Priority, native_enum=False, length=16), default=Priority.normal
    )
    media_item_id: Mapped[int | None] = mapped_column(ForeignKey("media_items.id"))
    occurrence_id: Mapped[int | None] = mapped_column(ForeignKey("occurrences.id"), index=True)
    relay_station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    relay_url: Mapped[str | None] = mapped_column(String(1000))
    # Emergency bulletins may repeat every N seconds until cancelled or superseded.
    repeat_every_s: Mapped[int | None]
    repeat_until: Mapped[datetime | None]
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("schedule_entries.id"))
    cancelled_at: Mapped[datetime | None]
    # Groups the per-station rows created by one editor action.
    batch_id: Mapped[str | None] = mapped_column(String(36), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    station: Mapped[Station] = relationship(foreign_keys=[station_id])
    relay_station: Mapped[Station | None] = relationship(foreign_keys=[relay_station_id])
    media_item: Mapped[MediaItem | None] = relationship()
    occurrence: Mapped[Occurrence | None] = relationship()
    # The loudspeaker clusters it is for; none means the whole station (radio/models/cluster.py).
    clusters: Mapped[list[Cluster]] = relationship(secondary="schedule_entry_clusters",
                                                   order_by="Cluster.code")
