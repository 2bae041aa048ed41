"""Reports per language: broadcasts and minutes from the same aired as-run rows as every other
figure, on the page, in the print HTML, in the XLSX and in the API; provenance in the items."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from media import operations as media_ops
from radio.archive.periods import parse_period
from radio.archive.reports.data import build_report
from radio.archive.reports.html import render_html

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture
def aired(create_media_item, air):
    vi = create_media_item("Công khai thủ tục hành chính", topics=("thu-tuc-hanh-chinh",),
                           agency="vp-hdnd-ubnd", audio="stored")
    bru = create_media_item("Tin cải cách hành chính tiếng Bru-Vân Kiều", agency="phong-noi-vu",
                            audio="stored")
    media_ops.update_item(None, bru, language="bru",
                          source_doc_number="Công văn 1273/BTTTT-TTCS",
                          source_doc_date=date(2021, 4, 27))
    plan = [("gio-an", vi, _vn(2022, 1, 4, 5, 40), "aired", 120),
            ("gio-an", vi, _vn(2022, 1, 5, 5, 40), "partial", 90),
            ("gio-mai", vi, _vn(2022, 2, 8, 5, 40), "aired", 120),
            ("gio-an", bru, _vn(2022, 1, 4, 17, 0), "aired", 180),
            ("gio-mai", bru, _vn(2022, 3, 1, 17, 0), "aired", 150),
            ("gio-mai", bru, _vn(2022, 3, 2, 17, 0), "failed", 150),  # not a broadcast
            ("gio-an", bru, _vn(2022, 1, 6, 17, 0), None, 150),  # scheduled, never reported
            ("gio-an", bru, _vn(2022, 4, 2, 17, 0), "aired", 150)]  # after Q1
    for code, item, at, status, seconds in plan:
        air(code, item, at, status=status, seconds=seconds)
    return vi, bru


EXPECTED = [("vi", "Tiếng Việt", 3, 5.5), ("bru", "Tiếng Bru-Vân Kiều", 2, 5.5)]


def test_the_report_counts_broadcasts_and_minutes_per_language(aired):
    data = build_report(parse_period("2022-Q1"))
    assert [(r.key, r.name, r.broadcasts, r.minutes) for r in data.languages] == EXPECTED
    assert sum(r.broadcasts for r in data.languages) == data.total_broadcasts == 5
    assert round(sum(r.minutes for r in data.languages), 1) == data.total_minutes == 11.0
    vi, bru = aired
    rows = {r.id: r for r in data.items}
    assert (rows[bru.id].language, rows[bru.id].source_doc_number,
            rows[bru.id].source_doc_date) == ("Tiếng Bru-Vân Kiều", "Công văn 1273/BTTTT-TTCS",
                                              date(2021, 4, 27))
    assert (rows[vi.id].language, rows[vi.id].source_doc_number) == ("Tiếng Việt", "")


def _table(html: str, key: str) -> list[list[str]]:
    body = html.split(f'data-table="{key}"', 1)[1].split("</table>", 1)[0]
    return [[re.sub(r"<.*?>", "", c).strip() for c in re.findall(r"<t[dh].*?</t[dh]>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def test_the_page_the_print_html_and_the_xlsx_have_the_same_language_table(client, login,
                                                                           aired):
    login("auditor")
    page = client.get("/archive/report?period=2022-Q1").get_data(as_text=True)
    assert '<h2 id="languages">Theo ngôn ngữ</h2>' in page
    assert _table(page, "languages") == [
        ["STT", "Ngôn ngữ", "Lượt phát", "Số phút"],
        ["1", "Tiếng Việt", "3", "5,5"], ["2", "Tiếng Bru-Vân Kiều", "2", "5,5"],
        ["", "Tổng cộng", "5", "11,0"]]
    printed = render_html(build_report(parse_period("2022-Q1")))
    assert "Theo ngôn ngữ" in printed and "Tiếng Bru-Vân Kiều" in printed
    wb = load_workbook(io.BytesIO(client.get("/archive/report.xlsx?period=2022-Q1").data))
    ws = wb["Theo ngôn ngữ"]
    assert [list(r) for r in ws.iter_rows(values_only=True)] == [
        ["STT", "Ngôn ngữ", "Lượt phát", "Số phút"],
        [1, "Tiếng Việt", 3, 5.5], [2, "Tiếng Bru-Vân Kiều", 2, 5.5],
        [None, "Tổng cộng", 5, 11.0]]
    items = wb["Tin bài"]
    headers = [c.value for c in items[1]]
    assert headers[-3:] == ["Ngôn ngữ", "Số văn bản nguồn", "Ngày văn bản"]
    by_title = {r[2]: r for r in items.iter_rows(min_row=2, values_only=True)}
    row = by_title["Tin cải cách hành chính tiếng Bru-Vân Kiều"]
    assert row[4] == aired[1].agency.name  # the agency column stays where it was
    assert (row[-3], row[-2], row[-1]) == ("Tiếng Bru-Vân Kiều", "Công văn 1273/BTTTT-TTCS",
                                           datetime(2021, 4, 27))
    assert items.cell(row=2, column=len(headers)).number_format == "dd/mm/yyyy"
    page_items = {r[2]: r for r in _table(page, "items")[1:]}
    assert page_items["Tin cải cách hành chính tiếng Bru-Vân Kiều"][-3:] == [
        "Tiếng Bru-Vân Kiều", "Công văn 1273/BTTTT-TTCS", "27/04/2021"]
    api = client.get("/api/v1/archive/report?period=2022-Q1").get_json()
    [table] = [t for t in api["tables"] if t["key"] == "languages"]
    assert table["rows"] == [[1, "Tiếng Việt", 3, 5.5], [2, "Tiếng Bru-Vân Kiều", 2, 5.5]]
