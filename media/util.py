"""Library reads: one item, the filtered list, its JSON form, and whether it may be deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from media.fields import parse_kind
from radio import clock
from radio.archive.retention import may_delete_media
from radio.db import db
from radio.i18n import _
from radio.models import Agency, MediaItem, MediaStatus, Topic


def find_by_original(sha256: str) -> MediaItem | None:
    return db.session.scalar(select(MediaItem).where(MediaItem.original_sha256 == sha256))


def item_json(item, *, duplicate: bool = False) -> dict:
    return {
        "id": item.id, "title": item.title, "kind": item.kind.value,
        "status": item.status.value,
        "sha256": item.original_sha256, "rendition_sha256": item.rendition_sha256,
        "duration_s": item.duration_s, "loudness_lufs": item.loudness_out_lufs,
        "loudness_in_lufs": item.loudness_in_lufs, "true_peak_in_dbtp": item.true_peak_in_dbtp,
        "true_peak_out_dbtp": item.true_peak_out_dbtp,
        "topics": [t.slug for t in item.topics],
        "agency": item.agency.slug if item.agency else None,
        "author": item.author, "original_name": item.original_name,
        "original_size": item.original_size, "original_format": item.original_format,
        "valid_from": item.valid_from.isoformat() if item.valid_from else None,
        "valid_until": item.valid_until.isoformat() if item.valid_until else None,
        "created_at": item.created_at.isoformat() if item.created_at else None,
        "language": item.language, "source_doc_number": item.source_doc_number,
        "source_doc_date": item.source_doc_date.isoformat() if item.source_doc_date else None,
        "rights_note": item.rights_note,
        "duplicate": duplicate,
    }


def get_item(item_id: int) -> MediaItem:
    item = db.session.get(MediaItem, item_id)
    if item is None:
        from radio.errors import NotFound

        raise NotFound(_("Không có mục âm thanh số %(id)s.", id=item_id), "media_not_found")
    return item


@dataclass
class LibraryFilter:
    q: str = ""
    topic: str = ""
    agency: str = ""
    kind: str = ""
    language: str = ""  # an ISO 639-3 code, "" for all
    validity: str = ""  # "" | valid | expired | upcoming
    status: str = "ready"  # ready | retired | all
    on: date | None = None


def list_items(flt: LibraryFilter | None = None, *, limit: int = 500) -> list[MediaItem]:
    flt = flt or LibraryFilter()
    stmt = select(MediaItem)
    if flt.status in ("ready", "retired"):
        stmt = stmt.where(MediaItem.status == MediaStatus(flt.status))
    if flt.kind:
        stmt = stmt.where(MediaItem.kind == parse_kind(flt.kind))
    if flt.language:
        stmt = stmt.where(MediaItem.language == flt.language.strip().lower())
    if flt.agency:
        stmt = stmt.join(MediaItem.agency).where(Agency.slug == flt.agency)
    if flt.topic:
        stmt = stmt.where(MediaItem.topics.any(Topic.slug == flt.topic))
    day = flt.on or clock.now().date()
    if flt.validity == "valid":
        stmt = stmt.where((MediaItem.valid_from.is_(None)) | (MediaItem.valid_from <= day),
                          (MediaItem.valid_until.is_(None)) | (MediaItem.valid_until >= day))
    elif flt.validity == "expired":
        stmt = stmt.where(MediaItem.valid_until < day)
    elif flt.validity == "upcoming":
        stmt = stmt.where(MediaItem.valid_from > day)
    if flt.q.strip():
        stmt = stmt.options(selectinload(MediaItem.agency))
    rows = list(db.session.scalars(stmt.order_by(MediaItem.created_at.desc(),
                                                 MediaItem.id.desc())))
    if flt.q.strip():
        # Accent- and case-insensitive match in Python: SQLite and PostgreSQL fold differently.
        needle = fold(flt.q.strip())
        rows = [r for r in rows if any(needle in fold(text) for text in searchable(r))]
    return rows[:limit]


def searchable(item: MediaItem) -> tuple[str, ...]:
    """What the library search looks in: title, file name and the provenance fields."""
    return (item.title, item.original_name, item.source_doc_number, item.author,
            item.rights_note, item.agency.name if item.agency else "",
            item.agency.slug if item.agency else "")


def fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_referenced(item_id: int) -> bool:
    """Used by a programme, rundown, schedule entry or attachment (not only by what aired)."""
    from sqlalchemy import exists, or_

    from radio.models import Attachment, Programme, RundownItem, ScheduleEntry

    checks = [
        exists().where(RundownItem.media_item_id == item_id),
        exists().where(ScheduleEntry.media_item_id == item_id),
        exists().where(Attachment.media_item_id == item_id),
        exists().where(or_(Programme.intro_media_id == item_id,
                           Programme.outro_media_id == item_id)),
    ]
    return any(db.session.scalar(select(check)) for check in checks)


def may_delete(item: MediaItem) -> bool:
    return may_delete_media(item.id) and not is_referenced(item.id)
