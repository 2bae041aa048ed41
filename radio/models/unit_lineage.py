"""One line of a unit's lineage: a predecessor became (part of) a successor on a date."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.admin_unit import AdminUnit
from radio.models.base import Base, utcnow


class LineageKind(enum.StrEnum):
    merge = "merge"  # the whole predecessor went into the successor
    partial = "partial"  # part of the predecessor went into the successor
    rename = "rename"  # the same territory under a new name, code or level


class UnitLineage(Base):
    __tablename__ = "unit_lineage"
    __table_args__ = (UniqueConstraint("predecessor_id", "successor_id", "effective_on",
                                       name="uq_unit_lineage_predecessor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id"), index=True)
    successor_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id"), index=True)
    effective_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16), default=LineageKind.merge.value)
    source: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    predecessor: Mapped[AdminUnit] = relationship(foreign_keys=[predecessor_id])
    successor: Mapped[AdminUnit] = relationship(foreign_keys=[successor_id])
