"""Library items whose rendition is already a broadcast file: registered without the pipeline.

The demo year's tone items and the test factories use this: the files (if any) are already in
the store, so only the row is made, checked and audited as an ingested item's would be.
Flushes, never commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from media.fields import (
    check_dates,
    parse_kind,
    provenance,
    resolve_agency,
    resolve_topics,
    snapshot,
)
from media.text import clean_text
from radio import audit
from radio.approvals import initial_state
from radio.config import current_settings
from radio.db import db
from radio.models import Agency, ApprovalState, MediaItem, MediaKind, MediaStatus, Topic, User


def add_prepared_item(actor: User | None, *, title: str, original_sha256: str,
                      rendition_sha256: str, duration_s: float, original_name: str = "",
                      original_size: int | None = None, original_format: str = "mp3",
                      rendition_size: int | None = None, kind: MediaKind | str = MediaKind.news,
                      topics: Iterable[Topic | str] = (), agency: Agency | str | None = None,
                      author: str = "", summary: str = "", valid_from: date | None = None,
                      valid_until: date | None = None,
                      approval: ApprovalState | None = None, language: str | None = "vi",
                      source_doc_number: str = "", source_doc_date: date | None = None,
                      rights_note: str = "") -> MediaItem:
    """A ready item for files already in the store (same checks and audit as an ingest)."""
    kind_value = parse_kind(kind)
    topic_rows = resolve_topics(topics)
    agency_row = resolve_agency(agency)
    check_dates(valid_from, valid_until)
    source = provenance(language=language, source_doc_number=source_doc_number,
                        source_doc_date=source_doc_date, rights_note=rights_note)
    item = MediaItem(title=clean_text(title)[:500], kind=kind_value, status=MediaStatus.ready,
                     agency=agency_row, topics=topic_rows, author=clean_text(author)[:200],
                     summary=(summary or "").strip(), valid_from=valid_from,
                     valid_until=valid_until, original_sha256=original_sha256,
                     original_name=original_name, original_size=original_size,
                     original_format=original_format, rendition_sha256=rendition_sha256,
                     rendition_size=rendition_size, duration_s=duration_s, uploaded_by=actor,
                     approval=approval or initial_state(current_settings()), **source)
    db.session.add(item)
    db.session.flush()
    audit.record(actor, "media.create", "media_item", item.id, after=snapshot(item),
                 summary=item.title)
    return item
