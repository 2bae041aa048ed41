"""A programme (chuyên mục): a recurring slot with a length, target stations and jingles."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import Column, Enum, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.base import Base, utcnow
from radio.models.station import Station


class ProgrammeTarget(enum.StrEnum):
    district = "district"  # the district station only
    communes = "communes"  # every commune station
    all = "all"  # district and communes
    chosen = "chosen"  # the stations listed in programme_stations


programme_stations = Table(
    "programme_stations",
    Base.metadata,
    Column("programme_id", ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True),
    Column("station_id", ForeignKey("stations.id", ondelete="CASCADE"), primary_key=True),
)


class Programme(Base):
    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    rrule: Mapped[str] = mapped_column(Text)  # RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU,FR
    start_time: Mapped[time]  # local time of the station zone
    duration_s: Mapped[int]
    valid_from: Mapped[date]
    valid_until: Mapped[date | None]
    target: Mapped[ProgrammeTarget] = mapped_column(
        Enum(ProgrammeTarget, native_enum=False, length=16), default=ProgrammeTarget.all
    )
    intro_media_id: Mapped[int | None] = mapped_column(ForeignKey("media_items.id"))
    outro_media_id: Mapped[int | None] = mapped_column(ForeignKey("media_items.id"))
    active: Mapped[bool] = mapped_column(default=True)
    # A live programme (phát trực tiếp): its slot is the live stream of this station, not a rundown.
    live_station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    stations: Mapped[list[Station]] = relationship(secondary=programme_stations)
    live_station: Mapped[Station | None] = relationship(foreign_keys=[live_station_id])
