"""The agent's sense of time: wall clock, monotonic clock and sleeping, in one object.

The agent and its players read time only through a Clock, so a test can hand them a clock it
advances itself and play a compressed day without waiting for it.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime


class Clock:
    """The real clocks of the machine."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


SYSTEM = Clock()
