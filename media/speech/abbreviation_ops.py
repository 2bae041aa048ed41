"""Writes of the editors' abbreviations (`speech_abbreviations`): add, change, delete one.
Each is audited with its before/after, flushes and never commits. A row may override a
built-in entry of `media.speech.abbreviations.BUILTIN` (same abbreviation, other words)."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select

from radio import audit, clock
from radio.db import db
from radio.errors import Conflict, DomainError, NotFound
from radio.i18n import _
from radio.models import SpeechAbbreviation, User

MAX_ABBREVIATION = 50
MAX_EXPANSION = 300


def _snapshot(row: SpeechAbbreviation) -> dict:
    return {"language": row.language, "abbreviation": row.abbreviation,
            "expansion": row.expansion}


def check_abbreviation(value: str | None) -> str:
    value = unicodedata.normalize("NFC", value or "")
    if not value.strip():
        raise DomainError(_("Hãy nhập chữ viết tắt."), "no_abbreviation", field="abbreviation")
    if value != value.strip():
        raise DomainError(_("Chữ viết tắt không được có khoảng trắng ở đầu hoặc cuối."),
                          "abbreviation_spaces", field="abbreviation")
    if len(value) > MAX_ABBREVIATION:
        raise DomainError(_("Chữ viết tắt dài tối đa %(n)d ký tự.", n=MAX_ABBREVIATION),
                          "abbreviation_too_long", field="abbreviation")
    return value


def check_expansion(value: str | None) -> str:
    value = " ".join(unicodedata.normalize("NFC", value or "").split())
    if not value:
        raise DomainError(_("Hãy nhập cách đọc đầy đủ."), "no_expansion", field="expansion")
    if len(value) > MAX_EXPANSION:
        raise DomainError(_("Cách đọc dài tối đa %(n)d ký tự.", n=MAX_EXPANSION),
                          "expansion_too_long", field="expansion")
    return value


def _check_free(language: str, abbreviation: str, own_id: int | None = None) -> None:
    existing = db.session.scalar(select(SpeechAbbreviation.id).where(
        SpeechAbbreviation.language == language,
        SpeechAbbreviation.abbreviation == abbreviation))
    if existing is not None and existing != own_id:
        raise Conflict(_("Chữ viết tắt “%(a)s” đã có trong danh sách của biên tập viên; hãy sửa "
                         "dòng đó.", a=abbreviation), "duplicate_abbreviation",
                       field="abbreviation")


def get_abbreviation(row_id: int) -> SpeechAbbreviation:
    row = db.session.get(SpeechAbbreviation, row_id)
    if row is None:
        raise NotFound(_("Không tìm thấy chữ viết tắt này."), "abbreviation_not_found")
    return row


def create_abbreviation(actor: User | None, abbreviation: str, expansion: str,
                        language: str = "vi") -> SpeechAbbreviation:
    abbreviation = check_abbreviation(abbreviation)
    expansion = check_expansion(expansion)
    _check_free(language, abbreviation)
    now = clock.now()
    row = SpeechAbbreviation(language=language, abbreviation=abbreviation, expansion=expansion,
                             created_by_id=actor.id if actor else None, created_at=now,
                             updated_at=now)
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "speech_abbreviation.create", "speech_abbreviation", row.id,
                 after=_snapshot(row), summary=f"{abbreviation} → {expansion}")
    return row


def update_abbreviation(actor: User | None, row: SpeechAbbreviation, abbreviation: str,
                        expansion: str) -> SpeechAbbreviation:
    abbreviation = check_abbreviation(abbreviation)
    expansion = check_expansion(expansion)
    _check_free(row.language, abbreviation, own_id=row.id)
    before = _snapshot(row)
    row.abbreviation, row.expansion, row.updated_at = abbreviation, expansion, clock.now()
    db.session.flush()
    audit.record(actor, "speech_abbreviation.update", "speech_abbreviation", row.id,
                 before=before, after=_snapshot(row), summary=f"{abbreviation} → {expansion}")
    return row


def delete_abbreviation(actor: User | None, row: SpeechAbbreviation) -> None:
    before = _snapshot(row)
    row_id = row.id
    db.session.delete(row)
    db.session.flush()
    audit.record(actor, "speech_abbreviation.delete", "speech_abbreviation", row_id,
                 before=before, summary=f"{before['abbreviation']} → {before['expansion']}")
