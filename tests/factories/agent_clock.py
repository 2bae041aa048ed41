"""The station agent's clock for tests: one that moves only when the agent (or the test)
sleeps on it, so a test plays a compressed day without waiting for it."""

from __future__ import annotations

from datetime import datetime, timedelta

from radio.agent.clock import Clock


class ManualClock(Clock):
    """Starts at `start` and moves only by `sleep`."""

    def __init__(self, start: datetime):
        self.start, self.elapsed = start, 0.0

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return self.elapsed

    def sleep(self, seconds: float) -> None:
        self.elapsed += seconds
