"""The scheduling layer's local day range and planning horizon; now and the zone are the core's."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from radio.clock import now as now_utc  # noqa: F401 (the scheduling layer's name for it)
from radio.clock import zone  # noqa: F401

DEFAULT_HORIZON_DAYS = 56


def local_day_range(day: date, tz: ZoneInfo, days: int = 1) -> tuple[datetime, datetime]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=days), datetime.min.time(), tzinfo=tz)
    return start, end


def horizon_days() -> int:
    try:
        from flask import current_app

        return int(current_app.config["RADIO_SETTINGS"].extra.get("materialise_days")
                   or _env_int("RADIO_MATERIALISE_DAYS", DEFAULT_HORIZON_DAYS))
    except RuntimeError:
        return _env_int("RADIO_MATERIALISE_DAYS", DEFAULT_HORIZON_DAYS)


def _env_int(name: str, default: int) -> int:
    import os

    value = os.environ.get(name, "")
    return int(value) if value.isdigit() else default
