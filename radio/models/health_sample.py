"""The compact health history: one row per station per 5 minutes, kept 90 days.

A bucket starts at a multiple of 5 minutes (UTC). `contacts` counts the reports in it; the
other fields are the last report's (worst for the level and the clock).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base

BUCKET_S = 300
KEEP_DAYS = 90


class HealthSample(Base):
    __tablename__ = "health_samples"
    __table_args__ = (UniqueConstraint("station_id", "bucket_at",
                                       name="uq_health_samples_station_id_bucket_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"))
    bucket_at: Mapped[datetime] = mapped_column(index=True)
    contacts: Mapped[int] = mapped_column(default=0)
    cache_ready: Mapped[bool | None]
    free_disk_bytes: Mapped[int | None] = mapped_column(BigInteger)
    clock_offset_s: Mapped[float | None]
    output_level_db: Mapped[float | None]
    silence_s: Mapped[float | None]
    volume: Mapped[int | None]
    rtt_ms: Mapped[float | None]
