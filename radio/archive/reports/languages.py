"""Broadcasts and minutes per language ("Theo ngôn ngữ"). The report's one loop over the aired
as-run rows (reports/data.py) adds each broadcast here with its minutes, so these figures are
the same broadcasts as every other table. The language is the aired item's (media_items.language);
an event whose item row is gone counts under "—"."""

from __future__ import annotations

from sqlalchemy import select

from radio.db import db
from radio.models import Language

NO_LANGUAGE = "—"


class LanguageTally:
    """Per language code: broadcasts and minutes, added one aired event at a time."""

    def __init__(self) -> None:
        self.counts: dict[str, list] = {}

    def add(self, code: str | None, minutes: float) -> None:
        cell = self.counts.setdefault(code or NO_LANGUAGE, [0, 0.0])
        cell[0] += 1
        cell[1] += minutes

    def rows(self, row_type) -> list:
        """`row_type(key, name, broadcasts, minutes)` rows in the languages' list order; a code
        with no row of `languages` keeps its code as the name, after the known ones."""
        known = db.session.scalars(select(Language.code)
                                   .order_by(Language.position, Language.code)).all()
        order = {code: i for i, code in enumerate(known)}
        names = language_names()
        out = [row_type(code, names.get(code, code), n, round(minutes, 1))
               for code, (n, minutes) in self.counts.items()]
        return sorted(out, key=lambda r: (order.get(r.key, len(order)), r.key))


def language_names() -> dict[str, str]:
    """Code → the name to show of every known language: Vietnamese, or English on an English
    page (radio.languages.util.display_name)."""
    from radio.languages.util import names

    return names()
