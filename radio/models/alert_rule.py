"""An alert rule's threshold for a unit, set by an admin (unit None: the default everywhere).

Thresholds by kind: station_silent in minutes, dead_air and emergency_not_started in seconds
(60), cache_not_ready the local time "20:00" as minutes after midnight (1200), low_disk in
bytes, clock_off in seconds (5), entry_missed in minutes after the end. `escalate_minutes`:
an alert open this long becomes critical (0: never).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class AlertRule(Base):
    __tablename__ = "alert_rules"
    __table_args__ = (UniqueConstraint("kind", "unit_id", name="uq_alert_rules_kind_unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # an AlertKind value
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"))
    enabled: Mapped[bool] = mapped_column(default=True)
    threshold: Mapped[float]
    escalate_minutes: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
