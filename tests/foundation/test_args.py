"""web.args: the one parser of query and form dates, periods and station codes."""

from __future__ import annotations

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from radio import clock
from radio.archive.periods import parse_period, period_containing
from radio.errors import DomainError
from web.args import API_DATE, TYPED_DATE, parse_date, period_arg, station_codes


def test_a_date_is_read_as_iso_or_as_shown_on_screen(app):
    with app.test_request_context("/"):
        assert parse_date("2026-03-01") == date(2026, 3, 1)
        assert parse_date(" 01/03/2026 ") == date(2026, 3, 1)
        assert parse_date("1/3/2026") == date(2026, 3, 1)
        assert parse_date("", default=date(2020, 1, 2)) == date(2020, 1, 2)
        assert parse_date(None) is None


def test_a_wrong_date_names_its_field_in_the_wording_of_its_screen(app):
    with app.test_request_context("/"):
        with pytest.raises(DomainError) as wrong:
            parse_date("31/02/2026", "valid_from", message=TYPED_DATE)
        assert wrong.value.code == "invalid_date" and wrong.value.field == "valid_from"
        assert wrong.value.message == "Ngày “31/02/2026” không hợp lệ: nhập theo dạng dd/mm/yyyy."
        with pytest.raises(DomainError) as iso:
            parse_date("01/03/2026", iso_only=True, message=API_DATE)
        assert iso.value.message == "Ngày “01/03/2026” không đúng dạng YYYY-MM-DD."


def test_a_period_comes_from_period_or_year_and_part_else_the_current_year(app):
    with app.test_request_context("/"):
        assert period_arg(MultiDict({"period": "2022-H1"})) == parse_period("2022-H1")
        assert period_arg(MultiDict({"year": "2022", "part": "Q3"})) == parse_period("2022-Q3")
        assert period_arg(MultiDict({"period": "2022", "half": "2"})) == parse_period("2022", half=2)
        assert period_arg(MultiDict({}), default="2021") == parse_period("2021")
        assert period_arg(MultiDict({"window": "calendar"})) == period_containing(
            clock.today(), "year", "calendar")


def test_station_codes_drop_empty_values():
    form = MultiDict([("stations", "gio-an"), ("stations", ""), ("stations", "trung-son")])
    assert station_codes(form) == ["gio-an", "trung-son"]
