"""One dated instance of a programme (số phát), materialised ahead of time, with its rundown."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.approval import ApprovalFields
from radio.models.base import Base
from radio.models.programme import Programme


class OccurrenceStatus(enum.StrEnum):
    scheduled = "scheduled"
    moved = "moved"
    skipped = "skipped"
    cancelled = "cancelled"


class Occurrence(ApprovalFields, Base):
    """Its approval is the approval of its rundown (the items themselves are approved one by one)."""

    __tablename__ = "occurrences"
    __table_args__ = (UniqueConstraint("programme_id", "recurrence_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    # The date the rule produced; stays the same when the occurrence is moved.
    recurrence_date: Mapped[date]
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    status: Mapped[OccurrenceStatus] = mapped_column(
        Enum(OccurrenceStatus, native_enum=False, length=16), default=OccurrenceStatus.scheduled
    )
    rendered_sha256: Mapped[str | None] = mapped_column(String(64))
    # Hash of what the rendering was made from (items, jingles, gaps): a cache key.
    render_key: Mapped[str | None] = mapped_column(String(64))

    programme: Mapped[Programme] = relationship()
    rundown: Mapped[list[RundownItem]] = relationship(
        back_populates="occurrence", order_by="RundownItem.position", cascade="all, delete-orphan"
    )


from radio.models.rundown_item import RundownItem  # noqa: E402
