"""The rules for a library item's fields, shared by ingest, edits and prepared items.

`topics` are slugs or Topic objects, `agency` a slug, an Agency or None, `kind` a MediaKind or
its value (or a Vietnamese alias). `provenance(...)` checks the language (a known code) and the
source document's number, date and the rights note. `snapshot(item)` is what the audit log
records of an item.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date

from radio import audit, clock, reference
from radio.errors import DomainError
from radio.i18n import _
from radio.models import Agency, MediaItem, MediaKind, Topic

AUDIT_FIELDS = ["title", "kind", "status", "author", "summary", "valid_from", "valid_until",
                "original_sha256", "rendition_sha256", "duration_s", "language",
                "source_doc_number", "source_doc_date", "rights_note"]
PROVENANCE = ("language", "source_doc_number", "source_doc_date", "rights_note")
DOC_NUMBER_MAX = 100
RIGHTS_MAX = 500


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


def check_language(code: str | None) -> str:
    """A known language code (radio.languages); empty means Vietnamese ("vi")."""
    from radio.languages.util import get_language

    value = (code or "").strip().lower() or "vi"
    if get_language(value) is None:
        raise DomainError(_("Ngôn ngữ “%(code)s” chưa có trong danh sách ngôn ngữ.", code=code),
                          "unknown_language", field="language")
    return value


def _one_line(text: str | None) -> str:
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def check_doc_number(text: str | None) -> str:
    value = _one_line(text)
    if len(value) > DOC_NUMBER_MAX:
        raise DomainError(_("Số văn bản nguồn dài quá %(n)d ký tự.", n=DOC_NUMBER_MAX),
                          "doc_number_too_long", field="source_doc_number")
    return value


def check_doc_date(day: date | None) -> date | None:
    if day is not None and day > clock.today():
        raise DomainError(_("Ngày văn bản không được ở tương lai."), "doc_date_future",
                          field="source_doc_date")
    return day


def check_rights(text: str | None) -> str:
    value = unicodedata.normalize("NFC", (text or "").strip())
    if len(value) > RIGHTS_MAX:
        raise DomainError(_("Ghi chú bản quyền dài quá %(n)d ký tự.", n=RIGHTS_MAX),
                          "rights_note_too_long", field="rights_note")
    return value


def provenance(*, language: str | None = "vi", source_doc_number: str | None = "",
               source_doc_date: date | None = None, rights_note: str | None = "") -> dict:
    """The checked language and provenance fields, ready to set on an item."""
    return {"language": check_language(language),
            "source_doc_number": check_doc_number(source_doc_number),
            "source_doc_date": check_doc_date(source_doc_date),
            "rights_note": check_rights(rights_note)}


def snapshot(item: MediaItem) -> dict:
    return audit.snapshot(item, AUDIT_FIELDS) | {
        "topics": [t.slug for t in item.topics],
        "agency": item.agency.slug if item.agency else None,
    }
