"""The agent's sense of time: wall clock, monotonic clock and sleeping, in one object.

The agent and its players read time only through a Clock, so a test can hand them a clock it
advances itself and play a compressed day without waiting for it. `perf` measures how long
real I/O took (round trips), so it stays real even on a test's clock.

`Offset` smooths the server-minus-agent clock offset taken from the server's `Date` headers.
"""

from __future__ import annotations

import statistics
import time
from collections import deque
from datetime import UTC, datetime


class Clock:
    """The real clocks of the machine."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def perf(self) -> float:
        """Seconds of a real high-resolution counter: the duration of an HTTP call."""
        return time.perf_counter()


SYSTEM = Clock()


class Offset:
    """The server's time minus the agent's: the median of the last `keep` samples.

    A sample is the server's `Date` (1 s resolution, so +0.5 s for its mean truncation) minus
    the agent's time at the midpoint of the request; `initial` is the last value persisted, used
    until a sample arrives (a restart without the server still corrects)."""

    def __init__(self, keep: int = 10, initial: float | None = None):
        self.samples: deque[float] = deque(maxlen=keep)
        self.initial = initial

    def add(self, server: datetime, sent: datetime, elapsed_s: float) -> float:
        midpoint = sent.timestamp() + elapsed_s / 2
        sample = server.timestamp() + 0.5 - midpoint
        self.samples.append(sample)
        return sample

    @property
    def value(self) -> float | None:
        if self.samples:
            return round(statistics.median(self.samples), 3)
        return self.initial
