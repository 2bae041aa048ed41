"""Writes of languages: add, update and delete one. Audited (`language.create`,
`language.update`, `language.delete`); flush, never commit. A language that an item carries
cannot be deleted."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import func, select

from radio import audit
from radio.db import db
from radio.errors import Conflict, DomainError
from radio.i18n import _
from radio.languages.util import get_language, in_use
from radio.models import Language, User

CODE = re.compile(r"^[a-z]{2,3}$")
FIELDS = ["code", "name", "name_en", "position"]


def _snapshot(lang: Language) -> dict:
    return audit.snapshot(lang, FIELDS)


def check_code(code: str | None) -> str:
    value = (code or "").strip()
    if not CODE.match(value):
        raise DomainError(_("Mã ngôn ngữ “%(code)s” không hợp lệ: dùng mã ISO 639-3 gồm 2–3 chữ "
                            "cái thường không dấu, ví dụ bru, pko.", code=code or ""),
                          "invalid_language_code", field="code")
    return value


def _name(text: str | None, field: str, *, required: bool) -> str:
    value = unicodedata.normalize("NFC", " ".join((text or "").split()))
    if required and not value:
        raise DomainError(_("Hãy nhập tên ngôn ngữ bằng tiếng Việt."), "language_name_required",
                          field=field)
    if len(value) > 100:
        raise DomainError(_("Tên ngôn ngữ dài quá 100 ký tự."), "language_name_too_long",
                          field=field)
    return value


def add_language(actor: User | None, *, code: str, name: str, name_en: str = "",
                 position: int | None = None) -> Language:
    code = check_code(code)
    name = _name(name, "name", required=True)
    name_en = _name(name_en, "name_en", required=False)
    if get_language(code) is not None:
        raise Conflict(_("Ngôn ngữ mã “%(code)s” đã có.", code=code), "duplicate_language",
                       field="code")
    if position is None:
        position = (db.session.scalar(select(func.max(Language.position))) or 0) + 1
    lang = Language(code=code, name=name, name_en=name_en, position=position)
    db.session.add(lang)
    db.session.flush()
    audit.record(actor, "language.create", "language", code, after=_snapshot(lang),
                 summary=f"{name} ({code})")
    return lang


def update_language(actor: User | None, lang: Language, *, name: str | None = None,
                    name_en: str | None = None, position: int | None = None) -> Language:
    """Change the names or the place in the list; the code stays (items carry it)."""
    before = _snapshot(lang)
    if name is not None:
        lang.name = _name(name, "name", required=True)
    if name_en is not None:
        lang.name_en = _name(name_en, "name_en", required=False)
    if position is not None:
        lang.position = int(position)
    db.session.flush()
    after = _snapshot(lang)
    if after != before:
        audit.record(actor, "language.update", "language", lang.code, before=before,
                     after=after, summary=f"{lang.name} ({lang.code})")
    return lang


def delete_language(actor: User | None, lang: Language) -> None:
    if in_use(lang.code):
        raise Conflict(_("Không xóa được ngôn ngữ “%(name)s”: đã có tin bài mang ngôn ngữ này.",
                         name=lang.name), "language_in_use", field="code")
    before = _snapshot(lang)
    db.session.delete(lang)
    db.session.flush()
    audit.record(actor, "language.delete", "language", before["code"], before=before,
                 summary=f"{before['name']} ({before['code']})")
