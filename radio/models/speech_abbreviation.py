"""An abbreviation and how speech reads it ("UBND" → "ủy ban nhân dân"), added by an editor.

The built-in list is in `media.speech.abbreviations`; rows here add to it or override an
entry. Changes are audited.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class SpeechAbbreviation(Base):
    __tablename__ = "speech_abbreviations"
    __table_args__ = (UniqueConstraint("language", "abbreviation",
                                       name="uq_speech_abbreviations_language_abbreviation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(8), default="vi")
    abbreviation: Mapped[str] = mapped_column(String(50))
    expansion: Mapped[str] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
