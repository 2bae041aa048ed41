"""Recurrence rules: presets, validation and expansion across month and year ends."""

from datetime import date

import pytest

from radio.errors import DomainError
from schedules import recurrence


def test_weekly_tuesday_friday_runs_across_the_year_end():
    days = recurrence.rule_dates("FREQ=WEEKLY;BYDAY=TU,FR", date(2026, 12, 1),
                                 date(2026, 12, 20), date(2027, 1, 10))
    assert days == [date(2026, 12, 22), date(2026, 12, 25), date(2026, 12, 29),
                    date(2027, 1, 1), date(2027, 1, 5), date(2027, 1, 8)]


def test_monthly_on_the_31st_skips_short_months():
    days = recurrence.rule_dates("FREQ=MONTHLY;BYMONTHDAY=31", date(2026, 1, 1),
                                 date(2026, 1, 1), date(2026, 6, 30))
    assert days == [date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31)]


def test_daily_rule_crosses_february_end_in_a_leap_year():
    days = recurrence.rule_dates("FREQ=DAILY", date(2028, 2, 27), date(2028, 2, 27),
                                 date(2028, 3, 1))
    assert days == [date(2028, 2, 27), date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1)]


def test_count_is_counted_from_the_validity_start_not_the_window():
    days = recurrence.rule_dates("FREQ=DAILY;COUNT=3", date(2026, 1, 30), date(2026, 2, 1),
                                 date(2026, 2, 28))
    assert days == [date(2026, 2, 1)]


def test_presets_build_rules_and_are_recognised_again():
    weekly = recurrence.preset_rrule("weekly", weekdays=["fr", "TU"])
    assert weekly == "FREQ=WEEKLY;BYDAY=TU,FR"
    assert recurrence.preset_of(weekly) == {"preset": "weekly", "weekdays": ["TU", "FR"]}
    assert recurrence.preset_rrule("monthly", monthday=15) == "FREQ=MONTHLY;BYMONTHDAY=15"
    assert recurrence.preset_rrule("daily") == "FREQ=DAILY"
    assert recurrence.describe(weekly) == "Hằng tuần: Thứ Ba, Thứ Sáu"


@pytest.mark.parametrize("rule", ["", "FREQ=SOMETIMES", "DTSTART:20260101\nFREQ=DAILY", "BYDAY=XX"])
def test_invalid_rules_are_refused_with_a_message(rule):
    with pytest.raises(DomainError) as exc:
        recurrence.parse_rrule(rule)
    assert exc.value.code == "invalid_rrule"
    assert "RRULE" in exc.value.message


def test_weekly_preset_without_days_is_refused():
    with pytest.raises(DomainError, match="ít nhất một ngày"):
        recurrence.preset_rrule("weekly", weekdays=[])
