"""An administrative unit (đơn vị hành chính) in one edition of the official list.

A code alone is ambiguous across editions (19495 was Thị trấn Gio Linh and is Xã Gio Linh
since 1/7/2025; province 44 was Quảng Bình and is Quảng Trị), so a unit is keyed by its code
and the date its edition starts (valid_from).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.base import Base, utcnow


class UnitLevel(enum.StrEnum):
    province = "province"  # cấp tỉnh: tỉnh, thành phố trực thuộc trung ương
    district = "district"  # cấp huyện, until 30/6/2025
    commune = "commune"  # cấp xã: xã, phường, thị trấn (until 30/6/2025), đặc khu


class AdminUnit(Base):
    __tablename__ = "admin_units"
    __table_args__ = (UniqueConstraint("code", "valid_from", name="uq_admin_units_code_valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # Data, not an enum of the database: one of UnitLevel.
    level: Mapped[str] = mapped_column(String(16))
    # The official type word: Tỉnh, Thành phố, Huyện, Thị xã, Xã, Phường, Thị trấn, Đặc khu.
    unit_type: Mapped[str] = mapped_column(String(32), default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"), index=True)
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    # Where the fact comes from (the official list and its date, a resolution).
    source: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by an admin: an editor of this unit may send an emergency without an approver (audited).
    emergency_by_editor: Mapped[bool] = mapped_column(default=False, server_default=false())

    parent: Mapped[AdminUnit | None] = relationship(remote_side=[id])

    def exists_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def __repr__(self) -> str:
        return f"<AdminUnit {self.code} {self.name} {self.valid_from}>"
