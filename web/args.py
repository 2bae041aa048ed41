"""Query and form arguments, parsed once for every page and API route: dates, times of day,
periods and station codes. A wrong value raises DomainError with the code `invalid_date` or
`invalid_time` (or the period's own code); each screen keeps its own wording of the message,
chosen by `message`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from radio import clock
from radio.archive.periods import Period, parse_period, period_containing
from radio.errors import DomainError
from radio.i18n import _

DateMessage = Callable[[str], str]


# The wordings in use, one per kind of screen (the translation catalog holds each of them).
def FORM_DATE(value: str) -> str:  # noqa: N802  (used like a constant)
    """Planning forms and filters."""
    return _("Ngày “%(v)s” không hợp lệ.", v=value)


def TYPED_DATE(value: str) -> str:  # noqa: N802
    """Admin forms, where the date is typed as shown on screen."""
    return _("Ngày “%(v)s” không hợp lệ: nhập theo dạng dd/mm/yyyy.", v=value)


def UPLOAD_DATE(value: str) -> str:  # noqa: N802
    """Media upload (API and library page)."""
    return _("Ngày “%(value)s” không hợp lệ (dd/mm/yyyy).", value=value)


def PAGE_DATE(value: str) -> str:  # noqa: N802
    """A day in a page's query string (operator pages)."""
    return _("Ngày “%(value)s” không hợp lệ.", value=value)


def API_DATE(value: str) -> str:  # noqa: N802
    """A day in an API query string, where only ISO dates are taken."""
    return _("Ngày “%(value)s” không đúng dạng YYYY-MM-DD.", value=value)


def FORM_TIME(value: str) -> str:  # noqa: N802
    """Planning forms."""
    return _("Giờ “%(v)s” không đúng dạng HH:MM.", v=value)


def AIRED_TIME(value: str) -> str:  # noqa: N802
    """The time a broadcast aired, typed by an operator."""
    return _("Giờ phát phải có dạng HH:MM.")


def _read(value: str, iso_only: bool) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    if not iso_only:
        try:
            return datetime.strptime(value, "%d/%m/%Y").date()
        except ValueError:
            pass
    return None


def parse_date(value: str | None, field: str | None = "date", *, default: date | None = None,
               iso_only: bool = False, message: DateMessage = FORM_DATE) -> date | None:
    """A date typed as yyyy-mm-dd or as the on-screen dd/mm/yyyy (only the first if `iso_only`).

    An empty value gives `default`; a wrong one raises DomainError("invalid_date", field).
    """
    value = (value or "").strip()
    if not value:
        return default
    day = _read(value, iso_only)
    if day is None:
        raise DomainError(message(value), "invalid_date", field=field)
    return day


def parse_time(value: str | None, field: str | None = "time", *,
               message: DateMessage = FORM_TIME) -> time:
    """A time of day typed as HH:MM (seconds after it are ignored); anything else, an empty value
    included, raises DomainError("invalid_time", field)."""
    try:
        hh, mm = (value or "").strip().split(":")[:2]
        return time(int(hh), int(mm))
    except (ValueError, TypeError):
        raise DomainError(message(value or ""), "invalid_time", field=field) from None


def period_arg(args, default: str | None = None) -> Period:
    """The period a request is about: ?period=2022-H1 (or ?year=2022&part=H1), narrowed by
    ?half= or ?quarter=, in ?window= (cchc or calendar).

    Without one: the period text `default` if given, else the year that contains today on the
    station's calendar.
    """
    window = args.get("window") or "cchc"
    text = (args.get("period") or "").strip()
    if not text and args.get("year"):
        part = args.get("part", "")
        text = args["year"].strip() + (f"-{part}" if part else "")
    text = text or default
    if not text:
        return period_containing(clock.today(), "year", window)

    def _int(name: str) -> int | None:
        value = (args.get(name) or "").strip()
        return int(value) if value.isdigit() else None

    return parse_period(text, window, half=_int("half"), quarter=_int("quarter"))


def station_codes(form, name: str = "stations") -> list[str]:
    """The station codes ticked in a form (repeated field), without empty values."""
    return [code for code in form.getlist(name) if code]
