"""The latest health report of a station's agent (one row per station, replaced by each report).

The fields follow the agent's report (docs/fleet.md): version and uptime, free disk, cache
readiness for today and the next two days, player state and what plays, the output level and
the silence within the playing entry, volume, link quality and the clock offset against the
server's `Date` header. `report` keeps the whole body as sent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class StationHealth(Base):
    __tablename__ = "station_health"

    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"),
                                            primary_key=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    agent_version: Mapped[str] = mapped_column(String(64), default="")
    uptime_s: Mapped[float | None]
    free_disk_bytes: Mapped[int | None] = mapped_column(BigInteger)
    cache_ready: Mapped[bool | None]  # every item of today and the next two days present, verified
    cache_missing: Mapped[list | None] = mapped_column(JSON)  # [{"day", "entry_id", "title", "sha256"}]
    player_state: Mapped[str] = mapped_column(String(16), default="")  # idle|playing|stopped|error
    now_playing: Mapped[str] = mapped_column(String(500), default="")
    now_entry_id: Mapped[int | None]
    output_level_db: Mapped[float | None]  # dBFS of what plays now; None when idle
    silence_s: Mapped[float | None]  # seconds of continuous silence in the playing entry
    volume: Mapped[int | None]  # 0..100
    rtt_ms: Mapped[float | None]
    failed_requests_1h: Mapped[int | None]
    clock_offset_s: Mapped[float | None]  # server time minus agent time
    report: Mapped[dict | None] = mapped_column(JSON)
