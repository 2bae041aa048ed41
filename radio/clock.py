"""The one place that reads the wall clock: aware UTC now, the local zone, local day bounds.

Core module (no Flask import at module level). Domain code, the demo and the tests read the time
from here (or take a `now` argument), so that a test (or faketime in CI) can reason about "today"
in one place.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Ho_Chi_Minh"


def now() -> datetime:
    """The current instant, tz-aware, in UTC."""
    return datetime.now(UTC)


def zone(tz: str | tzinfo | None = None) -> tzinfo:
    """A zone from a name or a tzinfo; by default the app's (RADIO_TZ), else Asia/Ho_Chi_Minh."""
    if isinstance(tz, tzinfo):
        return tz
    if tz:
        return ZoneInfo(tz)
    try:
        from flask import current_app

        return current_app.config["RADIO_SETTINGS"].tz
    except (RuntimeError, KeyError):
        return ZoneInfo(DEFAULT_TZ)


def today(tz: str | tzinfo | None = None) -> date:
    """The local calendar day of now() in zone `tz` (default: the app's zone)."""
    return now().astimezone(zone(tz)).date()


def local_day_bounds(day: date, tz: str | tzinfo | None = None,
                     days: int = 1) -> tuple[datetime, datetime]:
    """The local days [day 00:00, day + `days` 00:00) in zone `tz` as aware UTC datetimes."""
    local = zone(tz)
    start = datetime.combine(day, time(0), tzinfo=local)
    end = datetime.combine(day + timedelta(days=days), time(0), tzinfo=local)
    return start.astimezone(UTC), end.astimezone(UTC)
