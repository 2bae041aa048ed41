"""One item in the ordered rundown of an occurrence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.base import Base
from radio.models.media_item import MediaItem

if TYPE_CHECKING:
    from radio.models.occurrence import Occurrence


class RundownItem(Base):
    __tablename__ = "rundown_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("occurrences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    media_item_id: Mapped[int] = mapped_column(ForeignKey("media_items.id"))

    occurrence: Mapped[Occurrence] = relationship(back_populates="rundown")
    media_item: Mapped[MediaItem] = relationship()
