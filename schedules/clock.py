"""The scheduling layer's time zone, now, local day range and planning horizon."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

DEFAULT_HORIZON_DAYS = 56


def zone() -> ZoneInfo:
    try:
        from flask import current_app

        return current_app.config["RADIO_SETTINGS"].tz
    except (RuntimeError, KeyError):
        return ZoneInfo("Asia/Ho_Chi_Minh")


def now_utc() -> datetime:
    return datetime.now(UTC)


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
