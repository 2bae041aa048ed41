"""An alert about the fleet: opened by a rule, de-duplicated by its key, escalated, closed.

`key` is the rule's kind and what it is about ("cache_not_ready:station:12"); at most one open
alert per key. Delivery (e-mail, webhook) is recorded so a repeat sends nothing new and the
recovery sends one message.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class AlertKind(enum.StrEnum):
    station_silent = "station_silent"  # no contact during a broadcast window for N minutes
    dead_air = "dead_air"  # silence during an entry
    emergency_not_started = "emergency_not_started"  # not started within 60 s
    cache_not_ready = "cache_not_ready"  # tomorrow's cache not ready by 20:00
    low_disk = "low_disk"  # under 1 GB
    clock_off = "clock_off"  # more than 5 s
    entry_missed = "entry_missed"


class AlertLevel(enum.StrEnum):
    warning = "warning"
    critical = "critical"  # escalated


class Alert(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AlertKind] = mapped_column(Enum(AlertKind, native_enum=False, length=32),
                                            index=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"))
    level: Mapped[AlertLevel] = mapped_column(Enum(AlertLevel, native_enum=False, length=16),
                                              default=AlertLevel.warning)
    message: Mapped[str] = mapped_column(String(1000))
    details: Mapped[dict | None] = mapped_column(JSON)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    escalated_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None] = mapped_column(index=True)
    notified_open_at: Mapped[datetime | None]
    notified_escalation_at: Mapped[datetime | None]
    notified_close_at: Mapped[datetime | None]
