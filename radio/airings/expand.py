"""The airing times of an entry (pure: no database, no clock)."""

from __future__ import annotations

from datetime import datetime, timedelta

# A repeat with no end stops after this span: nothing repeats for ever by accident.
MAX_REPEAT_SPAN = timedelta(hours=24)


def repeat_stop(starts_at: datetime, repeat_every_s: int | None, repeat_until: datetime | None,
                times: int | None = None) -> datetime | None:
    """The time before which the last repetition starts: `times` repetitions, `repeat_until`,
    or the 24-hour cap, whichever comes first. None for an entry that does not repeat."""
    if not repeat_every_s:
        return None
    cap = starts_at + MAX_REPEAT_SPAN
    stops = [cap]
    if repeat_until is not None:
        stops.append(repeat_until)
    if times is not None and times > 0:
        stops.append(starts_at + timedelta(seconds=repeat_every_s * (times - 1) + 1))
    return min(stops)


def airing_times(starts_at: datetime, ends_at: datetime, repeat_every_s: int | None = None,
                 repeat_until: datetime | None = None) -> list[tuple[int, datetime, datetime]]:
    """(repetition number, start, end) of every airing of an entry.

    The same rule as the playlist builder: repetition n starts at starts_at + n × every, and
    repetitions starting at or after the stop time are dropped (the first airing always stays).
    """
    length = ends_at - starts_at
    stop = repeat_stop(starts_at, repeat_every_s, repeat_until)
    if stop is None:
        return [(0, starts_at, ends_at)]
    step = timedelta(seconds=repeat_every_s)
    out = []
    n, at = 0, starts_at
    while n == 0 or at < stop:
        out.append((n, at, at + length))
        n += 1
        at = starts_at + n * step
    return out
