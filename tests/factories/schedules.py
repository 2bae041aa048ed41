"""Factories for the schedules feature: programmes, and the free days tests schedule on."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from radio import clock
from radio.models import Programme
from schedules.programmes import operations as programme_ops

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_seq = itertools.count(1)


def local(y, mo, d, h=0, mi=0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


def next_weekday(weekday: int, after: date | None = None) -> date:
    """The next date (strictly after `after`, default today) with ISO weekday `weekday`."""
    day = (after or clock.today(TZ)) + timedelta(days=1)
    while day.isoweekday() != weekday:
        day += timedelta(days=1)
    return day


def free_day(n: int = 0, after: date | None = None) -> date:
    """The n-th (from 0) local day, from two days after `after` (default today) on, on which the
    demo's CCHC column does not air. The demo relay (05:30) and history (past days only) never
    put media there, so a test that schedules on such a day owns the day's playlist. Give each
    test its own n when tests share a live server and station."""
    from schedules.demo import CCHC_DAYS

    demo_days = {["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(d) + 1 for d in CCHC_DAYS}
    day = (after or clock.today(TZ)) + timedelta(days=1)
    while True:
        day += timedelta(days=1)
        if day.isoweekday() not in demo_days:
            if n == 0:
                return day
            n -= 1


@pytest.fixture
def make_programme():
    """A programme through the real service (weekly Tue/Fri 17:15, 15 min, all stations)."""

    def factory(name: str | None = None, *, rrule: str = "FREQ=WEEKLY;BYDAY=TU,FR",
                start_time: time = time(17, 15), duration_s: int = 900,
                valid_from: date | None = None, until: date | None = None,
                now: datetime | None = None, **kwargs) -> Programme:
        now = now or clock.now()
        valid_from = valid_from or now.astimezone(TZ).date()
        return programme_ops.create_programme(
            None, name=name or f"Chuyên mục thử {next(_seq)}", rrule=rrule, start_time=start_time,
            duration_s=duration_s, valid_from=valid_from,
            until=until or valid_from + timedelta(days=21), now=now, **kwargs)

    return factory
