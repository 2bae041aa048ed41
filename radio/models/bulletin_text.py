"""The text behind a written bulletin (bản tin văn bản) and how it was spoken.

One row per media item made by text-to-speech: what the editor wrote, the text the engine
actually spoke after normalisation, and the engine, its version, the voice and the rate. It is
evidence: the evidence card and the verification package show it. A new text is a new item
(a new version); this row never changes after the item is made.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class BulletinText(Base):
    __tablename__ = "bulletin_texts"

    media_item_id: Mapped[int] = mapped_column(
        ForeignKey("media_items.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    spoken_text: Mapped[str] = mapped_column(Text)  # the normalised text given to the engine
    engine: Mapped[str] = mapped_column(String(64))
    engine_version: Mapped[str] = mapped_column(String(200), default="")
    voice: Mapped[str] = mapped_column(String(100))
    rate: Mapped[float] = mapped_column(default=1.0)  # 1.0: the engine's normal speed
    source_name: Mapped[str] = mapped_column(String(500), default="")  # the .docx/.pdf it came from
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
