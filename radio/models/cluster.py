"""A loudspeaker cluster (cụm loa) fed by one station: a village or a former commune."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.admin_unit import AdminUnit
from radio.models.base import Base, utcnow
from radio.models.station import Station


class Technology(enum.StrEnum):
    ip = "ip"  # loa thông minh qua mạng
    fm = "fm"  # truyền thanh không dây FM
    wired = "wired"  # truyền thanh hữu tuyến


class Cluster(Base):
    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # The village or former commune it covers, in words, and the unit when it is one.
    covers: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"))
    # The station whose loudspeakers these were before a merge made them a cluster.
    former_station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    technology: Mapped[str] = mapped_column(String(16), default=Technology.wired.value)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    speakers: Mapped[int] = mapped_column(default=0)
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    station: Mapped[Station] = relationship(foreign_keys=[station_id])
    former_station: Mapped[Station | None] = relationship(foreign_keys=[former_station_id])
    unit: Mapped[AdminUnit | None] = relationship()

    def exists_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def __repr__(self) -> str:
        return f"<Cluster {self.code}>"


# The clusters a schedule entry is for; an entry with none is for the whole station.
entry_clusters = Table(
    "schedule_entry_clusters",
    Base.metadata,
    Column("entry_id", ForeignKey("schedule_entries.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
)
