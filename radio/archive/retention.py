"""Retention of verification evidence: aired material is never deleted, only hidden.

The plan keeps every item and audio file as year-end evidence. Whatever aired (the media item,
its original and rendition files, its attachments, its as-run events) is kept until the end of
the retention period: the year it last aired plus `RADIO_RETENTION_YEARS` (default 5) years.
A session guard refuses to flush the deletion of a protected row, so no code path can forget.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import event, exists, func, select
from sqlalchemy.orm import Session

from radio import clock
from radio.config import current_settings
from radio.db import db
from radio.errors import Conflict
from radio.i18n import _
from radio.models import AsRunEvent, Attachment, AuditEntry, ChainSeal, MediaItem

DEFAULT_YEARS = 5


def retention_years() -> int:
    """Years kept after the year of airing: Settings.retention_years (RADIO_RETENTION_YEARS),
    or 5 outside an app."""
    settings = current_settings()
    return max(settings.retention_years, 0) if settings else DEFAULT_YEARS


def retained_until(aired_at: datetime | date, years: int | None = None) -> date:
    """Last day an item aired at `aired_at` must be kept: 31/12 of that year + N years."""
    years = retention_years() if years is None else years
    if isinstance(aired_at, datetime):  # the year it aired on the station's calendar, not UTC's
        aware = aired_at if aired_at.tzinfo else aired_at.replace(tzinfo=UTC)
        aired_at = aware.astimezone(clock.zone())
    return date(aired_at.year + years, 12, 31)


def has_aired(media_item_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(AsRunEvent.media_item_id == media_item_id))))


def last_aired_at(media_item_id: int) -> datetime | None:
    return db.session.scalar(select(func.max(AsRunEvent.started_at))
                             .where(AsRunEvent.media_item_id == media_item_id))


def _today() -> date:
    return clock.today()


def media_protected_until(media_item_id: int) -> date | None:
    """The day until which an item must be kept, or None if it never aired."""
    last = last_aired_at(media_item_id)
    return retained_until(last) if last is not None else None


def may_delete_media(media_item_id: int, today: date | None = None) -> bool:
    """An item that aired stays for the archive (it can only be retired, i.e. hidden)."""
    until = media_protected_until(media_item_id)
    return until is None or (today or _today()) > until


def may_delete_file(sha256: str, today: date | None = None) -> bool:
    """A stored file may go only if no item that uses it is protected."""
    ids = db.session.scalars(select(MediaItem.id).where(
        (MediaItem.original_sha256 == sha256) | (MediaItem.rendition_sha256 == sha256))).all()
    ids += db.session.scalars(select(Attachment.media_item_id)
                              .where(Attachment.sha256 == sha256)).all()
    aired = db.session.scalar(select(func.max(AsRunEvent.started_at))
                              .where(AsRunEvent.media_sha256 == sha256))
    if aired is not None and (today or _today()) <= retained_until(aired):
        return False
    return all(may_delete_media(i, today) for i in set(ids))


def may_delete_asrun(event: AsRunEvent, today: date | None = None) -> bool:
    return (today or _today()) > retained_until(event.started_at)


def _guard(session: Session, _flush_context, _instances) -> None:
    """Refuse to flush the deletion of evidence still inside its retention period."""
    for obj in session.deleted:
        if isinstance(obj, AuditEntry | ChainSeal):
            raise Conflict(_("Nhật ký thay đổi và dấu niêm phong chuỗi không bao giờ bị xóa."),
                           "retention")
        if isinstance(obj, AsRunEvent) and not may_delete_asrun(obj):
            raise Conflict(_("Nhật ký phát còn trong thời hạn lưu trữ, không được xóa."),
                           "retention")
        if isinstance(obj, MediaItem) and obj.id and not may_delete_media(obj.id):
            raise Conflict(
                _("Tin/bài “%(title)s” đã phát sóng nên được lưu làm tài liệu kiểm chứng đến "
                  "%(until)s; chỉ có thể ngừng sử dụng (ẩn), không thể xóa.", title=obj.title,
                  until=f"{media_protected_until(obj.id):%d/%m/%Y}"), "retention")
        if isinstance(obj, Attachment) and not may_delete_media(obj.media_item_id):
            raise Conflict(_("Tệp đính kèm của tin/bài đã phát sóng được lưu làm tài liệu "
                             "kiểm chứng, không được xóa."), "retention")


def install() -> None:
    """Register the guard on every session (idempotent)."""
    if not event.contains(Session, "before_flush", _guard):
        event.listen(Session, "before_flush", _guard)
