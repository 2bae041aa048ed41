"""The rules for a library item's fields, shared by ingest, edits and prepared items.

`topics` are slugs or Topic objects, `agency` a slug, an Agency or None, `kind` a MediaKind or
its value (or a Vietnamese alias). `snapshot(item)` is what the audit log records of an item.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from radio import audit, reference
from radio.errors import DomainError
from radio.i18n import _
from radio.models import Agency, MediaItem, MediaKind, Topic

AUDIT_FIELDS = ["title", "kind", "status", "author", "summary", "valid_from", "valid_until",
                "original_sha256", "rendition_sha256", "duration_s"]


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


def resolve_topics(topics: Iterable[Topic | str]) -> list[Topic]:
    out: list[Topic] = []
    for t in topics or ():
        if isinstance(t, str) and not t.strip():
            continue
        topic = t if isinstance(t, Topic) else reference.topic_by_slug(t.strip())
        if topic not in out:
            out.append(topic)
    return out


def resolve_agency(agency: Agency | str | None) -> Agency | None:
    if agency is None or isinstance(agency, Agency):
        return agency
    return reference.agency_by_slug(agency.strip()) if agency.strip() else None


def check_dates(valid_from: date | None, valid_until: date | None) -> None:
    if valid_from and valid_until and valid_until < valid_from:
        raise DomainError(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
                          "invalid_validity", field="valid_until")


def snapshot(item: MediaItem) -> dict:
    return audit.snapshot(item, AUDIT_FIELDS) | {
        "topics": [t.slug for t in item.topics],
        "agency": item.agency.slug if item.agency else None,
    }
