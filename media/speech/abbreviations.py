"""The abbreviations speech expands: a built-in list, and what editors added (the
`speech_abbreviations` rows, which may override a built-in entry).

    abbreviations_for(language="vi") -> dict[str, str]    abbreviation → spoken words
"""

from __future__ import annotations

from sqlalchemy import select

from radio.db import db
from radio.models import SpeechAbbreviation

BUILTIN: dict[str, dict[str, str]] = {
    "vi": {
        "CCHC": "cải cách hành chính",
        "TTHC": "thủ tục hành chính",
        "UBND": "ủy ban nhân dân",
        "HĐND": "hội đồng nhân dân",
        "VH-TT": "văn hóa thông tin",
    },
}


def abbreviations_for(language: str = "vi") -> dict[str, str]:
    out = dict(BUILTIN.get(language, {}))
    rows = db.session.execute(select(SpeechAbbreviation.abbreviation, SpeechAbbreviation.expansion)
                              .where(SpeechAbbreviation.language == language))
    out.update({a: e for a, e in rows})
    return out
