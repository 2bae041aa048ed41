"""Reads of languages: the list in order, a code's name, whether a code is in use."""

from __future__ import annotations

from sqlalchemy import exists, select

from radio.db import db
from radio.models import Language, MediaItem


def list_languages() -> list[Language]:
    return list(db.session.scalars(select(Language).order_by(Language.position,
                                                             Language.code)))


def get_language(code: str) -> Language | None:
    return db.session.get(Language, (code or "").strip().lower()) if code else None


def display_name(lang: Language) -> str:
    """The name to show: the English one on an English page when there is one."""
    from radio.numbers import language

    return lang.name_en if language() == "en" and lang.name_en else lang.name


def names() -> dict[str, str]:
    """Code → the name to show (display_name), for every known language."""
    return {r.code: display_name(r) for r in list_languages()}


def name_of(code: str | None) -> str:
    """The Vietnamese name of a code; the code itself when it is unknown, "—" when empty."""
    if not code:
        return "—"
    row = get_language(code)
    return row.name if row is not None else code


def in_use(code: str) -> bool:
    """Whether any library item carries this language."""
    return bool(db.session.scalar(select(exists().where(MediaItem.language == code))))


def language_dict(lang: Language) -> dict:
    return {"code": lang.code, "name": lang.name, "name_en": lang.name_en,
            "position": lang.position, "in_use": in_use(lang.code)}
