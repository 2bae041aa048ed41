"""A broadcast language: an ISO 639-3 code (vi, bru: Bru-Vân Kiều, pko: Pa Kô, or one an admin
adds) with its name. Every media item carries one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class Language(Base):
    __tablename__ = "languages"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))  # in Vietnamese: "Tiếng Việt", "Bru-Vân Kiều"
    name_en: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<Language {self.code}>"
