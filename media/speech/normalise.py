"""Vietnamese text normalisation for speech: a pure function, no database, no I/O.

    normalise(text, abbreviations=None) -> str

PLACEHOLDER in the base commit: the full rules (numbers, dates, times, percentages, money,
document numbers, abbreviations, phone numbers, URLs) replace this body.
"""

from __future__ import annotations

from collections.abc import Mapping


def normalise(text: str, abbreviations: Mapping[str, str] | None = None) -> str:
    return " ".join((text or "").split())
