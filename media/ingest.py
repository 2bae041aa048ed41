"""Ingest: a file or an uploaded stream becomes a ready library item through the pipeline.

    ingest_file(actor, path, *, original_name=None, title=None, topics=(), agency=None,
                kind="news", author="", summary="", valid_from=None, valid_until=None,
                language="vi", source_doc_number="", source_doc_date=None, rights_note="",
                on_progress=None, settings=None) -> IngestResult(item, duplicate)
    ingest_stream(actor, stream, *, original_name, **same keywords) -> IngestResult

`on_progress(phase, fraction)` reports "copy", "analyse", "render" from 0 to 1. The same bytes
twice give the first item back (duplicate=True). A bad file raises `media.pipeline.Rejected` (a
DomainError with a stable code); nothing is stored then. Flushes, never commits.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.exc import IntegrityError

from media.fields import (
    check_dates,
    parse_kind,
    provenance,
    resolve_agency,
    resolve_topics,
    snapshot,
)
from media.pipeline import IngestMeta, run_pipeline
from media.text import clean_text, safe_name
from media.util import find_by_original
from radio import audit
from radio.approvals import initial_state
from radio.config import app_settings
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import Agency, MediaItem, MediaKind, MediaStatus, Topic, User
from radio.storage import LocalStorage, copy_and_hash, get_storage, sha256_file

Progress = Callable[[str, float], None]


@dataclass
class IngestResult:
    item: MediaItem
    duplicate: bool = False


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
                  valid_until: date | None = None, language: str | None = "vi",
                  source_doc_number: str = "", source_doc_date: date | None = None,
                  rights_note: str = "", on_progress: Progress | None = None,
                  settings=None, _size_hint: int | None = None) -> IngestResult:
    """Ingest an uploaded stream. The stream's name is only kept as text, never as a path."""
    settings = settings if settings is not None else app_settings()
    kind_value = parse_kind(kind)
    topic_rows = resolve_topics(topics)
    agency_row = resolve_agency(agency)
    check_dates(valid_from, valid_until)
    source = provenance(language=language, source_doc_number=source_doc_number,
                        source_doc_date=source_doc_date, rights_note=rights_note)
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
            uploaded_by=actor, topics=topic_rows, approval=initial_state(settings), **source,
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
                     after=snapshot(item), summary=item.title)
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
