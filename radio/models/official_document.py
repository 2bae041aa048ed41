"""A report issued as an official document: its số, numbered per issuing unit and year."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class OfficialDocument(Base):
    __tablename__ = "official_documents"
    __table_args__ = (UniqueConstraint("unit", "year", "number",
                                       name="uq_official_documents_unit_year_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit: Mapped[str] = mapped_column(String(64))  # the issuing unit's key in the settings
    year: Mapped[int]
    number: Mapped[int]
    symbol: Mapped[str] = mapped_column(String(64))  # ký hiệu, e.g. BC-TTVHTT
    title: Mapped[str] = mapped_column(String(300))
    period_key: Mapped[str] = mapped_column(String(64))
    window: Mapped[str] = mapped_column(String(16))
    issued_on: Mapped[date]
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def reference(self) -> str:
        """"12/BC-TTVHTT": số and ký hiệu as the document writes them."""
        return f"{self.number:02d}/{self.symbol}"
