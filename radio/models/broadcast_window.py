"""A daily broadcast window (khung giờ phát) of a station, in the station's local time."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.base import Base

if TYPE_CHECKING:
    from radio.models.station import Station


class BroadcastWindow(Base):
    __tablename__ = "broadcast_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    start_time: Mapped[time]
    duration_min: Mapped[int]
    # ISO weekdays the window applies to, "1234567" = every day.
    weekdays: Mapped[str] = mapped_column(String(7), default="1234567")

    station: Mapped[Station] = relationship(back_populates="windows")

    @property
    def end_time(self) -> time:
        minutes = self.start_time.hour * 60 + self.start_time.minute + self.duration_min
        minutes = min(minutes, 24 * 60 - 1)
        return time(minutes // 60, minutes % 60)

    def label(self) -> str:
        return f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"
