"""Media library services: ingest, edit, retire, delete. Web, CLI, API and demo call these.

Public signatures (stable; other layers and tests depend on them):

    ingest_file(actor, path, *, original_name=None, title=None, topics=(), agency=None,
                kind="news", author="", summary="", valid_from=None, valid_until=None,
                on_progress=None, settings=None) -> IngestResult(item, duplicate)
    ingest_stream(actor, stream, *, original_name, **same keywords) -> IngestResult
    update_item(actor, item, **fields) -> MediaItem
    retire_item(actor, item) / restore_item(actor, item) -> MediaItem
    delete_item(actor, item) -> bool   (False: it has aired, so it was retired instead)

`topics` are slugs or Topic objects, `agency` a slug, an Agency or None, `kind` a MediaKind or
its value. `on_progress(phase, fraction)` reports "copy", "analyse", "render" from 0 to 1.
A bad file raises `Rejected` (a DomainError with a stable code); nothing is stored then.
Services flush and never commit; the caller commits once.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from media.pipeline import IngestMeta, Rejected, run_pipeline  # noqa: F401 (re-exported)
from media.text import clean_text, safe_name
from radio import audit, clock, reference
from radio.archive.retention import may_delete_media
from radio.config import app_settings
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import Agency, MediaItem, MediaKind, MediaStatus, Topic, User
from radio.storage import LocalStorage, copy_and_hash, get_storage, sha256_file

Progress = Callable[[str, float], None]

AUDIT_FIELDS = ["title", "kind", "status", "author", "summary", "valid_from", "valid_until",
                "original_sha256", "rendition_sha256", "duration_s"]


@dataclass
class IngestResult:
    item: MediaItem
    duplicate: bool = False


def _settings(settings=None):
    if settings is not None:
        return settings
    return app_settings()


def parse_kind(kind: MediaKind | str | None) -> MediaKind:
    if isinstance(kind, MediaKind):
        return kind
    value = (kind or "news").strip().lower()
    aliases = {"tin": "news", "bai": "article", "bài": "article", "phong-su": "report",
               "phóng sự": "report", "hieu": "jingle", "hiệu": "jingle"}
    try:
        return MediaKind(aliases.get(value, value))
    except ValueError:
        raise DomainError(_("Loại “%(kind)s” không hợp lệ. Chọn: news, article, report, jingle.",
                            kind=kind), "invalid_kind", field="kind") from None


def _resolve_topics(topics: Iterable[Topic | str]) -> list[Topic]:
    out: list[Topic] = []
    for t in topics or ():
        if isinstance(t, str) and not t.strip():
            continue
        topic = t if isinstance(t, Topic) else reference.topic_by_slug(t.strip())
        if topic not in out:
            out.append(topic)
    return out


def _resolve_agency(agency: Agency | str | None) -> Agency | None:
    if agency is None or isinstance(agency, Agency):
        return agency
    return reference.agency_by_slug(agency.strip()) if agency.strip() else None


def _check_dates(valid_from: date | None, valid_until: date | None) -> None:
    if valid_from and valid_until and valid_until < valid_from:
        raise DomainError(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
                          "invalid_validity", field="valid_until")


def find_by_original(sha256: str) -> MediaItem | None:
    return db.session.scalar(select(MediaItem).where(MediaItem.original_sha256 == sha256))


def ingest_file(actor: User | None, path: str | os.PathLike, *, original_name: str | None = None,
                **kwargs) -> IngestResult:
    """Ingest a file from disk (CLI, demo, tests). See the module docstring."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(_("Không tìm thấy tệp “%(name)s”.", name=str(path)), "file_not_found")
    with open(path, "rb") as fh:
        return ingest_stream(actor, fh, original_name=original_name or path.name,
                             _size_hint=path.stat().st_size, **kwargs)


def ingest_stream(actor: User | None, stream: BinaryIO, *, original_name: str,
                  title: str | None = None, topics: Iterable[Topic | str] = (),
                  agency: Agency | str | None = None, kind: MediaKind | str = MediaKind.news,
                  author: str = "", summary: str = "", valid_from: date | None = None,
                  valid_until: date | None = None, on_progress: Progress | None = None,
                  settings=None, _size_hint: int | None = None) -> IngestResult:
    """Ingest an uploaded stream. The stream's name is only kept as text, never as a path."""
    settings = _settings(settings)
    kind_value = parse_kind(kind)
    topic_rows = _resolve_topics(topics)
    agency_row = _resolve_agency(agency)
    _check_dates(valid_from, valid_until)
    name = safe_name(original_name)
    store = LocalStorage.from_settings(settings) if settings is not None else get_storage()
    store.clean_stale_temp()
    work = store.temp_dir()
    try:
        original_tmp = work / "original"
        total = _size_hint or 0
        sha, size = copy_and_hash(
            stream, original_tmp,
            (lambda n: on_progress("copy", min(1.0, n / total))) if on_progress and total else None)
        existing = find_by_original(sha)
        if existing is not None:
            return IngestResult(existing, duplicate=True)
        meta = IngestMeta(original_name=name, work_dir=work, title=title or "",
                          agency_name=agency_row.name if agency_row else "",
                          target_lufs=settings.loudness_target_lufs,
                          true_peak_limit_dbtp=settings.true_peak_limit_dbtp,
                          channels=settings.rendition_channels,
                          bitrate_kbps=settings.rendition_bitrate_kbps, on_progress=on_progress)
        meta = run_pipeline(original_tmp, meta)
        rendered = meta.rendered
        assert rendered is not None and meta.rendition_path is not None
        item = MediaItem(
            title=meta.title, kind=kind_value, status=MediaStatus.ready, agency=agency_row,
            author=clean_text(author or meta.tag_artist)[:200], summary=(summary or "").strip(),
            valid_from=valid_from, valid_until=valid_until, original_sha256=sha,
            original_name=name, original_size=size, original_format=meta.format_label,
            duration_s=round(rendered.duration_s, 3),
            loudness_in_lufs=meta.loudness_in_lufs,
            true_peak_in_dbtp=_round(_minus(rendered.pre_limiter_true_peak_dbtp, meta.gain_db)),
            loudness_out_lufs=rendered.loudness_lufs, true_peak_out_dbtp=rendered.true_peak_dbtp,
            uploaded_by=actor, topics=topic_rows,
        )
        try:
            with db.session.begin_nested():  # a concurrent upload of the same bytes may win
                db.session.add(item)
                db.session.flush()
        except IntegrityError:
            existing = find_by_original(sha)
            if existing is None:
                raise
            return IngestResult(existing, duplicate=True)
        _tag_media_id(meta.rendition_path, item.id)
        rendition_sha = sha256_file(meta.rendition_path)
        rendition_size = meta.rendition_path.stat().st_size
        _fsync(meta.rendition_path)
        store.adopt(original_tmp, sha)
        store.adopt(meta.rendition_path, rendition_sha)
        item.rendition_sha256 = rendition_sha
        item.rendition_size = rendition_size
        db.session.flush()
        audit.record(actor, "media.create", "media_item", item.id,
                     after=_snapshot(item), summary=item.title)
        return IngestResult(item, duplicate=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _minus(a: float | None, b: float) -> float | None:
    return None if a is None or a == float("-inf") else a - b


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _tag_media_id(path: Path, media_id: int) -> None:
    """Write the media id into the rendition's ID3 tag (TXXX:RADIO_MEDIA_ID)."""
    from mutagen.id3 import ID3, TXXX, ID3NoHeaderError

    try:
        tags = ID3(path)
    except ID3NoHeaderError:
        tags = ID3()
    tags.add(TXXX(encoding=3, desc="RADIO_MEDIA_ID", text=[str(media_id)]))
    tags.save(path, v2_version=3)


def _snapshot(item: MediaItem) -> dict:
    return audit.snapshot(item, AUDIT_FIELDS) | {
        "topics": [t.slug for t in item.topics],
        "agency": item.agency.slug if item.agency else None,
    }


# -- reads -------------------------------------------------------------------

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
    rows = list(db.session.scalars(stmt.order_by(MediaItem.created_at.desc(),
                                                 MediaItem.id.desc())))
    if flt.q.strip():
        # Accent- and case-insensitive match in Python: SQLite and PostgreSQL fold differently.
        needle = fold(flt.q)
        rows = [r for r in rows if needle in fold(r.title) or needle in fold(r.original_name)]
    return rows[:limit]


def fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# -- writes ------------------------------------------------------------------

EDITABLE = {"title", "kind", "topics", "agency", "author", "summary", "valid_from", "valid_until"}


def update_item(actor: User | None, item: MediaItem, **fields) -> MediaItem:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = _snapshot(item)
    if "title" in fields:
        title = clean_text(fields["title"])
        if not title:
            raise DomainError(_("Tiêu đề không được để trống."), "title_required", field="title")
        item.title = title[:500]
    if "kind" in fields:
        item.kind = parse_kind(fields["kind"])
    if "topics" in fields:
        item.topics = _resolve_topics(fields["topics"])
    if "agency" in fields:
        item.agency = _resolve_agency(fields["agency"])
    if "author" in fields:
        item.author = clean_text(fields["author"])[:200]
    if "summary" in fields:
        item.summary = (fields["summary"] or "").strip()
    if "valid_from" in fields:
        item.valid_from = fields["valid_from"]
    if "valid_until" in fields:
        item.valid_until = fields["valid_until"]
    _check_dates(item.valid_from, item.valid_until)
    db.session.flush()
    after = _snapshot(item)
    if after != before:
        audit.record(actor, "media.update", "media_item", item.id, before=before, after=after,
                     summary=item.title)
    return item


def retire_item(actor: User | None, item: MediaItem, *, reason: str = "") -> MediaItem:
    """Hide an item from scheduling; it stays in the library and the archive."""
    if item.status == MediaStatus.retired:
        return item
    before = _snapshot(item)
    item.status = MediaStatus.retired
    item.retired_at = clock.now().replace(microsecond=0)
    db.session.flush()
    audit.record(actor, "media.retire", "media_item", item.id, before=before,
                 after=_snapshot(item), summary=reason or item.title)
    return item


def restore_item(actor: User | None, item: MediaItem) -> MediaItem:
    if item.status == MediaStatus.ready:
        return item
    before = _snapshot(item)
    item.status = MediaStatus.ready
    item.retired_at = None
    db.session.flush()
    audit.record(actor, "media.restore", "media_item", item.id, before=before,
                 after=_snapshot(item), summary=item.title)
    return item


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


def delete_item(actor: User | None, item: MediaItem) -> bool:
    """Delete an item that never aired and nothing uses; otherwise retire it. True if deleted.

    The stored files are removed only after the transaction commits, so a failed commit
    never leaves a row pointing at a missing file.
    """
    if not may_delete(item):
        retire_item(actor, item, reason=_("Không xóa được: đã phát hoặc đang được dùng; "
                                          "đã chuyển sang ngừng sử dụng."))
        return False
    before = _snapshot(item)
    shas = [s for s in (item.original_sha256, item.rendition_sha256) if s]
    item_id = item.id
    db.session.delete(item)
    db.session.flush()
    audit.record(actor, "media.delete", "media_item", item_id, before=before,
                 summary=before["title"])
    store = get_storage()
    session = db.session()

    @event.listens_for(session, "after_commit", once=True)
    def _remove_files(_session) -> None:
        # Both names are unique to this item (the original by constraint, the rendition
        # because its tag carries the media id), so no other row needs them.
        for sha in shas:
            store.delete(sha)

    return True
