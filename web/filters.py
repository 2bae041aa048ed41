"""Jinja filters: local times and dates as dd/mm/yyyy, durations, sizes."""

from __future__ import annotations

from datetime import date, datetime

from flask import current_app

from radio import numbers


def local(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.astimezone(current_app.config["RADIO_SETTINGS"].tz)


def fmt_datetime(value: datetime | None, with_seconds: bool = False) -> str:
    if value is None:
        return "—"
    return local(value).strftime("%d/%m/%Y %H:%M:%S" if with_seconds else "%d/%m/%Y %H:%M")


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime("%d/%m/%Y")


def fmt_date_input(value) -> str:
    """The value of our date field: dd/mm/yyyy from a date or an ISO text; what the user typed
    (a wrong value sent back with its error) stays as typed."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = local(value).date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    try:
        return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def fmt_time(value: datetime | None) -> str:
    return "—" if value is None else local(value).strftime("%H:%M")


def fmt_duration(seconds: float | None) -> str:
    """In words, as the documents write them: "15 phút", "3 phút 20 giây" (radio.numbers)."""
    return numbers.duration(seconds)


def fmt_size(n: int | None) -> str:
    if not n:
        return "0 B"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{numbers.number(n, 1)} {unit}"
        n /= 1024
    return str(n)


def init_app(app) -> None:
    app.jinja_env.filters.update(
        dt=fmt_datetime, d=fmt_date, t=fmt_time, duration=fmt_duration, size=fmt_size, local=local,
        num=numbers.number, pct=numbers.percent, dmy=fmt_date_input
    )
