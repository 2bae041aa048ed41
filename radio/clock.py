"""The one place that reads the wall clock: aware UTC now, the local zone, local day bounds.

Core module (no Flask import at module level). The rest of the code base still calls
datetime.now(UTC) in places; new code, the demo and the tests read the time from here, so that a
test (or faketime in CI) can reason about "today" in one place.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Ho_Chi_Minh"


def now() -> datetime:
    """The current instant, tz-aware, in UTC."""
    return datetime.now(UTC)


def zone(tz: str | ZoneInfo | None = None) -> ZoneInfo:
    """A zone from a name or ZoneInfo; by default the app's (RADIO_TZ), else Asia/Ho_Chi_Minh."""
    if isinstance(tz, ZoneInfo):
        return tz
    if tz:
        return ZoneInfo(tz)
    try:
        from flask import current_app

        return current_app.config["RADIO_SETTINGS"].tz
    except (RuntimeError, KeyError):
        return ZoneInfo(DEFAULT_TZ)


def today(tz: str | ZoneInfo | None = None) -> date:
    """The local calendar day of now() in zone `tz` (default: the app's zone)."""
    return now().astimezone(zone(tz)).date()


def local_day_bounds(day: date, tz: str | ZoneInfo | None = None) -> tuple[datetime, datetime]:
    """The local day [00:00, next 00:00) in zone `tz` as aware UTC datetimes."""
    tzinfo = zone(tz)
    start = datetime.combine(day, time(0), tzinfo=tzinfo)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tzinfo)
    return start.astimezone(UTC), end.astimezone(UTC)
