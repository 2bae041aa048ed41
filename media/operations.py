"""Library writes: edit, retire, restore, delete. Web, CLI, API and demo call these.

    update_item(actor, item, **fields) -> MediaItem   (fields: EDITABLE)
    retire_item(actor, item) / restore_item(actor, item) -> MediaItem
    delete_item(actor, item) -> bool   (False: it aired or is used, so it was retired instead)

Flush, never commit; the caller commits once. Ingest is media.ingest.
"""

from __future__ import annotations

from sqlalchemy import event

from media.fields import (
    check_dates,
    check_doc_date,
    check_doc_number,
    check_language,
    check_rights,
    parse_kind,
    resolve_agency,
    resolve_topics,
    snapshot,
)
from media.text import clean_text
from media.util import may_delete
from radio import audit, clock
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import MediaItem, MediaStatus, User
from radio.storage import get_storage

EDITABLE = {"title", "kind", "topics", "agency", "author", "summary", "valid_from", "valid_until",
            "language", "source_doc_number", "source_doc_date", "rights_note"}


def update_item(actor: User | None, item: MediaItem, **fields) -> MediaItem:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    checks = {"language": check_language, "source_doc_number": check_doc_number,
              "source_doc_date": check_doc_date, "rights_note": check_rights}
    checked = {name: check(fields[name]) for name, check in checks.items() if name in fields}
    before = snapshot(item)
    if "title" in fields:
        title = clean_text(fields["title"])
        if not title:
            raise DomainError(_("Tiêu đề không được để trống."), "title_required", field="title")
        item.title = title[:500]
    if "kind" in fields:
        item.kind = parse_kind(fields["kind"])
    if "topics" in fields:
        item.topics = resolve_topics(fields["topics"])
    if "agency" in fields:
        item.agency = resolve_agency(fields["agency"])
    if "author" in fields:
        item.author = clean_text(fields["author"])[:200]
    if "summary" in fields:
        item.summary = (fields["summary"] or "").strip()
    if "valid_from" in fields:
        item.valid_from = fields["valid_from"]
    if "valid_until" in fields:
        item.valid_until = fields["valid_until"]
    for name, value in checked.items():
        setattr(item, name, value)
    check_dates(item.valid_from, item.valid_until)
    db.session.flush()
    after = snapshot(item)
    if after != before:
        audit.record(actor, "media.update", "media_item", item.id, before=before, after=after,
                     summary=item.title)
    return item


def retire_item(actor: User | None, item: MediaItem, *, reason: str = "") -> MediaItem:
    """Hide an item from scheduling; it stays in the library and the archive."""
    if item.status == MediaStatus.retired:
        return item
    before = snapshot(item)
    item.status = MediaStatus.retired
    item.retired_at = clock.now().replace(microsecond=0)
    db.session.flush()
    audit.record(actor, "media.retire", "media_item", item.id, before=before,
                 after=snapshot(item), summary=reason or item.title)
    return item


def restore_item(actor: User | None, item: MediaItem) -> MediaItem:
    if item.status == MediaStatus.ready:
        return item
    before = snapshot(item)
    item.status = MediaStatus.ready
    item.retired_at = None
    db.session.flush()
    audit.record(actor, "media.restore", "media_item", item.id, before=before,
                 after=snapshot(item), summary=item.title)
    return item


def delete_item(actor: User | None, item: MediaItem) -> bool:
    """Delete an item that never aired and nothing uses; otherwise retire it. True if deleted.

    The stored files are removed only after the transaction commits, so a failed commit
    never leaves a row pointing at a missing file.
    """
    if not may_delete(item):
        retire_item(actor, item, reason=_("Không xóa được: đã phát hoặc đang được dùng; "
                                          "đã chuyển sang ngừng sử dụng."))
        return False
    before = snapshot(item)
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
