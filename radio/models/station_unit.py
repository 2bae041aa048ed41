"""A dated period in which a station serves one administrative unit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.admin_unit import AdminUnit
from radio.models.base import Base


class StationUnit(Base):
    __tablename__ = "station_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"),
                                            index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id"), index=True)
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]

    unit: Mapped[AdminUnit] = relationship()

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
