"""A broadcasting unit: the district station or a commune/town loudspeaker station."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio import clock
from radio.models.base import Base, utcnow


class StationKind(enum.StrEnum):
    """The level of the unit a station serves (stored as text: data, not a database enum)."""

    province = "province"
    district = "district"  # historical: districts were abolished on 1/7/2025
    commune = "commune"


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[StationKind] = mapped_column(Enum(StationKind, native_enum=False, length=16))
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    # A merged unit keeps its rows and history and points at its successor.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    timezone: Mapped[str] = mapped_column(String(64), default=lambda: clock.zone().key)
    token_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    token_created_at: Mapped[datetime | None]
    last_contact_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    windows: Mapped[list[BroadcastWindow]] = relationship(
        back_populates="station", cascade="all, delete-orphan", order_by="BroadcastWindow.start_time"
    )

    # The units it served, each for a dated period (radio/models/station_unit.py).
    unit_terms: Mapped[list[StationUnit]] = relationship(
        cascade="all, delete-orphan", order_by="StationUnit.valid_from")

    def exists_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def __repr__(self) -> str:
        return f"<Station {self.code}>"


from radio.models.broadcast_window import BroadcastWindow  # noqa: E402
from radio.models.station_unit import StationUnit  # noqa: E402
