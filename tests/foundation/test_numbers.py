"""One formatter for numbers, percentages and durations: the page, the XLSX and the CLI agree."""

from __future__ import annotations

from radio import numbers
from radio.archive.reports.tables import format_cell
from radio.archive.reports.xlsx import FORMATS


def test_vietnamese_numbers_use_a_decimal_comma_and_dot_thousands():
    assert numbers.number(1202.94, 1) == "1.202,9"
    assert numbers.number(5659) == "5.659"
    assert numbers.number(1234567) == "1.234.567"
    assert numbers.percent(95.24) == "95,2 %"
    assert numbers.percent(None) == "—"
    assert numbers.minutes(1202.94) == "1.202,9 phút"


def test_english_numbers_keep_the_english_separators():
    assert numbers.number(1202.94, 1, lang="en") == "1,202.9"
    assert numbers.percent(95.24, lang="en") == "95.2 %"


def test_durations_are_written_in_words():
    assert numbers.duration(900) == "15 phút"
    assert numbers.duration(200) == "3 phút 20 giây"
    assert numbers.duration(45.4) == "45 giây"
    assert numbers.duration(3720) == "1 giờ 2 phút"
    assert numbers.duration(7200) == "2 giờ"
    assert numbers.duration(200, lang="en") == "3 min 20 s"
    assert numbers.duration(None) == "—"


def test_report_cells_and_xlsx_formats_come_from_the_same_helper():
    assert format_cell(1202.94, "num") == "1.202,9"
    assert format_cell(66.67, "pct") == "66,7 %"
    assert format_cell(5659, "int") == "5.659"
    assert FORMATS is numbers.XLSX_FORMATS
    assert FORMATS["num"] == "#,##0.0" and FORMATS["int"] == "#,##0"


def test_the_page_filters_follow_the_interface_language(app):
    with app.test_request_context("/"):
        env = app.jinja_env
        assert env.from_string("{{ 1202.94|num(1) }} · {{ 900|duration }}").render() == \
            "1.202,9 · 15 phút"
