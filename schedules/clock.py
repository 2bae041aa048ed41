"""The scheduling layer's local day range and planning horizon; now and the zone are the core's."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from radio.clock import now as now_utc  # noqa: F401 (the scheduling layer's name for it)
from radio.clock import zone  # noqa: F401
from radio.config import Settings, current_settings

DEFAULT_HORIZON_DAYS = 56


def local_day_range(day: date, tz: ZoneInfo, days: int = 1) -> tuple[datetime, datetime]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=days), datetime.min.time(), tzinfo=tz)
    return start, end


def horizon_days(settings: Settings | None = None) -> int:
    """Days ahead that occurrences and entries are made (Settings.materialise_days)."""
    settings = settings or current_settings()
    return settings.materialise_days if settings else DEFAULT_HORIZON_DAYS
