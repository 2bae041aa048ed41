"""The scheduling layer's planning horizon (now, the zone and the day bounds are radio.clock's)."""

from __future__ import annotations

from radio.config import Settings, current_settings

DEFAULT_HORIZON_DAYS = 56


def horizon_days(settings: Settings | None = None) -> int:
    """Days ahead that occurrences and entries are made (Settings.materialise_days)."""
    settings = settings or current_settings()
    return settings.materialise_days if settings else DEFAULT_HORIZON_DAYS
