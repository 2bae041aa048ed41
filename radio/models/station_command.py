"""A remote command to a station's agent: set volume, stop, play an item now, resync, restart.

Sent by an admin or editor in scope to a station, or to a cluster (then `cluster_id` names it
and the agent applies it to that cluster's output). The agent picks pending commands up with
its `/now` poll and acknowledges each: delivered, then done or failed. A command not delivered
by `expires_at` expires.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class CommandKind(enum.StrEnum):
    volume = "volume"  # value: 0..100
    stop = "stop"
    play = "play"  # value: a media item id
    resync = "resync"
    restart = "restart"


class CommandStatus(enum.StrEnum):
    pending = "pending"
    delivered = "delivered"
    done = "done"
    failed = "failed"
    expired = "expired"


class StationCommand(Base):
    __tablename__ = "station_commands"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"),
                                            index=True)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"))
    kind: Mapped[CommandKind] = mapped_column(Enum(CommandKind, native_enum=False, length=16))
    value: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[CommandStatus] = mapped_column(
        Enum(CommandStatus, native_enum=False, length=16), default=CommandStatus.pending,
        index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]  # done or failed
    note: Mapped[str] = mapped_column(String(500), default="")  # the agent's words on failure
