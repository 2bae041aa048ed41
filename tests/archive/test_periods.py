"""Reporting periods: CCHC windows across the year boundary, calendar periods, parsing."""

from datetime import UTC, date, datetime

import pytest

from radio.archive.periods import Period, parse_period, period_choices, period_containing
from radio.errors import DomainError


def test_cchc_year_starts_on_15_december_of_the_previous_year():
    p = parse_period("2022", "cchc")
    assert (p.start, p.end) == (date(2021, 12, 15), date(2022, 12, 14))
    assert p.days == 365


def test_cchc_half_and_quarters_cross_the_year_boundary():
    assert (parse_period("2022-H1").start, parse_period("2022-H1").end) == (
        date(2021, 12, 15), date(2022, 6, 14))
    assert (parse_period("2022-H2").start, parse_period("2022-H2").end) == (
        date(2022, 6, 15), date(2022, 12, 14))
    q1, q3 = parse_period("2022-Q1"), parse_period("2022-Q3")
    assert (q1.start, q1.end) == (date(2021, 12, 15), date(2022, 3, 14))
    assert (q3.start, q3.end) == (date(2022, 6, 15), date(2022, 9, 14))


def test_calendar_periods_follow_the_calendar():
    assert (parse_period("2022", "calendar").start, parse_period("2022", "calendar").end) == (
        date(2022, 1, 1), date(2022, 12, 31))
    feb = parse_period("2024-02", "calendar")
    assert (feb.start, feb.end) == (date(2024, 2, 1), date(2024, 2, 29))
    assert parse_period("2022", "calendar", half=2).start == date(2022, 7, 1)


def test_bounds_are_aware_utc_for_the_station_zone():
    start, end = parse_period("2022").bounds("Asia/Ho_Chi_Minh")
    assert start == datetime(2021, 12, 14, 17, 0, tzinfo=UTC)
    assert end == datetime(2022, 12, 14, 17, 0, tzinfo=UTC)


def test_an_event_late_in_december_belongs_to_the_next_cchc_year():
    assert period_containing(date(2022, 12, 20), "year", "cchc").key == "2023"
    assert period_containing(date(2022, 12, 14), "year", "cchc").key == "2022"
    assert period_containing(date(2022, 12, 20), "year", "calendar").key == "2022"
    assert period_containing(date(2021, 12, 16), "quarter", "cchc").key == "2022-Q1"


def test_months_of_a_cchc_year_tile_it_without_gaps():
    months = parse_period("2022").months()
    assert len(months) == 12
    assert months[0].start == date(2021, 12, 15) and months[-1].end == date(2022, 12, 14)
    for a, b in zip(months, months[1:], strict=False):
        assert (b.start - a.end).days == 1


def test_keys_round_trip_and_labels_are_vietnamese(app):
    with app.test_request_context():
        for p in period_choices(2022, "cchc") + period_choices(2022, "calendar"):
            assert parse_period(p.key, p.window) == p
        assert parse_period("2022-Q3").name == "Quý III/2022"
        assert "6 tháng đầu năm 2022" in parse_period("2022-H1").label
        assert "15/12/2021" in parse_period("2022").label


def test_custom_range_and_bad_input():
    p = parse_period("2022-03-01..2022-03-31")
    assert p.kind == "range" and p.days == 31
    for bad in ("20x2", "2022-13", "2022-Q5", "2022-H3", ""):
        with pytest.raises(DomainError):
            parse_period(bad)
    with pytest.raises(DomainError):
        parse_period("2022", "lunar")
    assert Period.year_of(2022) == parse_period("2022")
