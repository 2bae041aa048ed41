"""radio.clock: aware UTC now, the local zone and local day bounds."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from radio import clock

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


def test_now_is_aware_utc_and_today_is_its_local_day():
    now = clock.now()
    assert now.tzinfo is UTC
    assert clock.today("Asia/Ho_Chi_Minh") in {
        now.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date(),
        clock.now().astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date()}  # midnight may pass


def test_zone_is_the_apps_zone_or_the_named_one(app):
    assert clock.zone() == ZoneInfo("Asia/Ho_Chi_Minh")
    assert clock.zone("Europe/Paris") == ZoneInfo("Europe/Paris")


def test_local_day_bounds_of_a_leap_day_and_a_year_end():
    assert clock.local_day_bounds(date(2028, 2, 29), "Asia/Ho_Chi_Minh") == (
        datetime(2028, 2, 28, 17, tzinfo=UTC), datetime(2028, 2, 29, 17, tzinfo=UTC))
    start, end = clock.local_day_bounds(date(2026, 12, 31), "Asia/Ho_Chi_Minh")
    assert (start, end - start) == (datetime(2026, 12, 30, 17, tzinfo=UTC), timedelta(days=1))
    # a day with a DST change is 23 hours long
    start, end = clock.local_day_bounds(date(2027, 3, 28), "Europe/Paris")
    assert end - start == timedelta(hours=23)
