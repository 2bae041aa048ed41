"""An airing (lượt phát): one dated broadcast of a schedule entry on its station.

A repeating emergency has one airing per repetition, so each keeps its own status and as-run
evidence. Every entry written through the ORM gets its airings at insert (see the listener at
the end); bulk writers call radio.airings.operations.add_missing.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, UniqueConstraint, event, inspect, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.airings.expand import airing_times
from radio.models.base import Base
from radio.models.schedule_entry import ScheduleEntry


class AiringStatus(enum.StrEnum):
    scheduled = "scheduled"  # due or in the future; reconciliation says pending or missed
    aired = "aired"
    partial = "partial"
    missed = "missed"  # the station reported it skipped or failed
    cancelled = "cancelled"
    superseded = "superseded"  # a newer emergency on the same station took over


# Neither scheduled nor missed in compliance.
WITHDRAWN = (AiringStatus.cancelled, AiringStatus.superseded)


class Airing(Base):
    __tablename__ = "airings"
    __table_args__ = (UniqueConstraint("entry_id", "seq", name="uq_airings_entry_seq"),
                      Index("ix_airings_station_start", "station_id", "starts_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("schedule_entries.id", ondelete="CASCADE"), index=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    seq: Mapped[int] = mapped_column(default=0)  # 0 first airing, n the n-th repetition
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[AiringStatus] = mapped_column(
        Enum(AiringStatus, native_enum=False, length=16), default=AiringStatus.scheduled)
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    entry: Mapped[ScheduleEntry] = relationship()


def airing_rows(entry: ScheduleEntry) -> list[dict]:
    """The airings table rows of an entry (its repetitions, bounded)."""
    status = AiringStatus.cancelled.value if entry.cancelled_at is not None else \
        AiringStatus.scheduled.value
    return [{"entry_id": entry.id, "station_id": entry.station_id, "seq": n, "starts_at": a,
             "ends_at": b, "status": status, "cancelled_at": entry.cancelled_at}
            for n, a, b in airing_times(entry.starts_at, entry.ends_at, entry.repeat_every_s,
                                        entry.repeat_until)]


@event.listens_for(ScheduleEntry, "after_insert")
def _entry_airings(_mapper, connection, entry: ScheduleEntry) -> None:
    connection.execute(Airing.__table__.insert(), airing_rows(entry))


@event.listens_for(ScheduleEntry, "after_update")
def _entry_moved(_mapper, connection, entry: ScheduleEntry) -> None:
    """A one-off entry moved (a programme occurrence rescheduled): its airing moves with it."""
    state = inspect(entry)
    if entry.repeat_every_s or not (state.attrs.starts_at.history.has_changes()
                                    or state.attrs.ends_at.history.has_changes()):
        return
    table = Airing.__table__
    connection.execute(update(table).where(table.c.entry_id == entry.id, table.c.seq == 0)
                       .values(starts_at=entry.starts_at, ends_at=entry.ends_at))
