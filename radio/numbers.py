"""How numbers, percentages and durations are written: one helper for the pages, the XLSX number
formats, the PDF and the CLI.

Vietnamese documents write a decimal comma and dot thousands ("1.202,9", "95,2 %") and
durations in words ("15 phút"). In the English interface the same helpers write "1,202.9",
"95.2 %" and "15 min". Outside a request (CLI, jobs) the language is Vietnamese.
"""

from __future__ import annotations

import math

# XLSX number formats. The codes are locale-neutral: "#,##0.0" shows "1.202,9" in a Vietnamese
# Excel/LibreOffice and "1,202.9" in an English one, the same text `number()` writes.
XLSX_FORMATS = {"int": "#,##0", "num": "#,##0.0", "pct": '0.0" %"',
                "dt": "dd/mm/yyyy hh:mm", "date": "dd/mm/yyyy"}


def language() -> str:
    """"vi" or "en": the language of the current request, Vietnamese outside one."""
    try:
        from flask import has_request_context
        from flask_babel import get_locale
    except ImportError:  # pragma: no cover - Flask is always installed
        return "vi"
    if not has_request_context():
        return "vi"
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "vi"


def _separators(lang: str | None) -> tuple[str, str]:
    """(thousands, decimal) for the language."""
    return (",", ".") if (lang or language()) == "en" else (".", ",")


def number(value: float | int | None, decimals: int = 0, *, lang: str | None = None) -> str:
    """1202.9 → "1.202,9" (decimals=1); 5659 → "5.659". None → "—"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    thousands, decimal = _separators(lang)
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def percent(value: float | None, decimals: int = 1, *, lang: str | None = None) -> str:
    """95.2 → "95,2 %" (the value is already a percentage)."""
    if value is None:
        return "—"
    return f"{number(value, decimals, lang=lang)} %"


_UNITS = {"vi": ("giờ", "phút", "giây"), "en": ("h", "min", "s")}


def duration(seconds: float | None, *, lang: str | None = None) -> str:
    """900 → "15 phút"; 200 → "3 phút 20 giây"; 3720 → "1 giờ 2 phút"; 45 → "45 giây".

    Seconds are dropped once a duration reaches an hour."""
    if seconds is None:
        return "—"
    hours_w, minutes_w, seconds_w = _UNITS["en" if (lang or language()) == "en" else "vi"]
    total = int(round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{h} {hours_w} {m} {minutes_w}" if m else f"{h} {hours_w}"
    if m:
        return f"{m} {minutes_w} {s} {seconds_w}" if s else f"{m} {minutes_w}"
    return f"{s} {seconds_w}"


def minutes(value: float | None, *, lang: str | None = None) -> str:
    """A count of minutes with one decimal, as in the reports: 1202.94 → "1.202,9 phút"."""
    if value is None:
        return "—"
    unit = "min" if (lang or language()) == "en" else "phút"
    return f"{number(value, 1, lang=lang)} {unit}"
