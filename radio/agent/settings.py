"""The agent's intervals, in seconds; the environment can shorten them (tests compress time)."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _env(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


@dataclass
class Settings:
    """Intervals in seconds; the environment can shorten them (tests compress time)."""

    days: int = 3  # today and the next two days (the health report's cache readiness)
    sync_s: float = _env("RADIO_AGENT_SYNC_S", 300)
    now_s: float = _env("RADIO_AGENT_NOW_S", 5)
    upload_s: float = _env("RADIO_AGENT_UPLOAD_S", 30)
    heartbeat_s: float = _env("RADIO_AGENT_HEARTBEAT_S", 60)
    backoff_s: float = _env("RADIO_AGENT_BACKOFF_S", 5)
    backoff_max_s: float = _env("RADIO_AGENT_BACKOFF_MAX_S", 300)
    late_s: float = _env("RADIO_AGENT_LATE_S", 5)
    tick_s: float = _env("RADIO_AGENT_TICK_S", 0.2)
    # Play by the server's time (the clock offset from the `Date` headers). None: on with the
    # machine's own clock, off with a clock a test injects (its time is the test's choice).
    clock_sync: bool | None = None
    clock_warn_s: float = 5.0
