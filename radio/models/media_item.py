"""A media item (tin, bài, phóng sự, hiệu): the original file, its broadcast rendition and metadata."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Column, Enum, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.agency import Agency
from radio.models.approval import ApprovalFields
from radio.models.base import Base, utcnow
from radio.models.topic import Topic
from radio.models.user import User


class MediaKind(enum.StrEnum):
    news = "news"  # tin
    article = "article"  # bài
    report = "report"  # phóng sự
    jingle = "jingle"  # hiệu chuyên mục
    live = "live"  # the recording of a live session (phát trực tiếp)


class MediaStatus(enum.StrEnum):
    ready = "ready"
    retired = "retired"  # hidden from scheduling, kept for the archive


media_topics = Table(
    "media_topics",
    Base.metadata,
    Column("media_id", ForeignKey("media_items.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True),
)


class MediaItem(ApprovalFields, Base):
    __tablename__ = "media_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[MediaKind] = mapped_column(
        Enum(MediaKind, native_enum=False, length=16), default=MediaKind.news
    )
    status: Mapped[MediaStatus] = mapped_column(
        Enum(MediaStatus, native_enum=False, length=16), default=MediaStatus.ready
    )
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    author: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")  # transcript or summary
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    # ISO 639-3 code of a row of `languages` (vi, bru, pko, ...).
    language: Mapped[str] = mapped_column(String(8), default="vi", server_default="vi", index=True)
    # Provenance: the source document ("Công văn 1273/BTTTT-TTCS", 27/4/2021) and the rights note.
    source_doc_number: Mapped[str] = mapped_column(String(100), default="", server_default="")
    source_doc_date: Mapped[date | None]
    rights_note: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # A new text of a bulletin is a new item: version 2 points at version 1, and so on.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    previous_version_id: Mapped[int | None] = mapped_column(ForeignKey("media_items.id"))

    original_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(500), default="")
    original_size: Mapped[int] = mapped_column(default=0)
    original_format: Mapped[str] = mapped_column(String(64), default="")
    rendition_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    rendition_size: Mapped[int] = mapped_column(default=0)
    duration_s: Mapped[float] = mapped_column(default=0.0)
    loudness_in_lufs: Mapped[float | None]
    true_peak_in_dbtp: Mapped[float | None]
    loudness_out_lufs: Mapped[float | None]
    true_peak_out_dbtp: Mapped[float | None]

    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None]

    agency: Mapped[Agency | None] = relationship()
    topics: Mapped[list[Topic]] = relationship(secondary=media_topics, order_by=Topic.position)
    uploaded_by: Mapped[User | None] = relationship(foreign_keys=[uploaded_by_id])

    def is_valid_on(self, day: date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)

    def __repr__(self) -> str:
        return f"<MediaItem {self.id} {self.title!r}>"
