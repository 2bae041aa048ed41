"""Reports: totals equal the as-run rows, CCHC windows at the year boundary, XLSX = page."""

import io
import re
import shutil
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from radio.archive.periods import parse_period
from radio.archive.reports.data import build_report
from radio.db import db
from radio.models import AsRunEvent

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture
def history(create_media_item, air):
    a = create_media_item("Công khai thủ tục hành chính", topics=("thu-tuc-hanh-chinh",),
                           agency="vp-hdnd-ubnd", audio="stored")
    b = create_media_item("Chỉ số PAPI", topics=("pci-papi", "ket-qua-cchc"),
                           agency="phong-noi-vu", audio="stored")
    plan = [("gio-an", a, _vn(2022, 1, 4, 5, 40), "aired"),
            ("gio-an", b, _vn(2022, 1, 4, 5, 45), "partial"),
            ("gio-an", a, _vn(2022, 2, 1, 5, 40), None),  # scheduled, never reported
            ("gio-mai", a, _vn(2022, 3, 8, 5, 40), "aired"),
            ("gio-mai", b, _vn(2022, 3, 8, 5, 45), "failed"),
            ("huyen-gio-linh", b, _vn(2022, 12, 14, 23, 30), "aired"),  # last evening of 2022
            ("huyen-gio-linh", a, _vn(2022, 12, 15, 0, 10), "aired"),  # first minutes of 2023
            ("huyen-gio-linh", a, _vn(2021, 12, 15, 0, 5), "aired")]  # first minutes of 2022
    for code, item, at, status in plan:
        air(code, item, at, status=status, seconds=120)
    return a, b


def test_report_totals_equal_the_asrun_rows_they_come_from(history):
    period = parse_period("2022")
    start, end = period.bounds("Asia/Ho_Chi_Minh")
    data = build_report(period)
    aired = db.session.scalar(select(func.count()).select_from(AsRunEvent).where(
        AsRunEvent.started_at >= start, AsRunEvent.started_at < end,
        AsRunEvent.status.in_(("aired", "partial"))))
    assert data.total_broadcasts == aired == 5
    assert sum(r.broadcasts for r in data.months) == aired
    assert sum(r.broadcasts for r in data.agencies) == aired
    assert data.total_minutes == pytest.approx(10.0)  # five plays of two minutes
    rows = {r.key: r for r in data.stations}
    assert (rows["gio-an"].broadcasts, rows["gio-an"].scheduled, rows["gio-an"].missed) == (2, 3, 1)
    assert rows["gio-an"].compliance == pytest.approx(66.7)
    assert (rows["gio-mai"].broadcasts, rows["gio-mai"].missed) == (1, 1)
    topics = {r.key: r.broadcasts for r in data.topics}
    assert topics["pci-papi"] == topics["ket-qua-cchc"] == 2  # the item has both topics
    assert topics["thu-tuc-hanh-chinh"] == 3


def test_cchc_year_boundary_puts_mid_december_in_the_next_year(history):
    cchc22 = build_report(parse_period("2022", "cchc"))
    cchc23 = build_report(parse_period("2023", "cchc"))
    cal22 = build_report(parse_period("2022", "calendar"))
    district = lambda d: next(r for r in d.stations if r.key == "huyen-gio-linh")  # noqa: E731
    assert district(cchc22).broadcasts == 2  # 15/12/2021 00:05 and 14/12/2022 23:30
    assert district(cchc23).broadcasts == 1  # 15/12/2022 00:10
    assert district(cal22).broadcasts == 2  # 14/12 and 15/12/2022; 2021 is outside
    q1 = build_report(parse_period("2022-Q1"))
    assert district(q1).broadcasts == 1 and q1.total_broadcasts == 4


def test_the_xlsx_opens_and_its_numbers_match_the_page(client, login, history):
    login("auditor")
    page = client.get("/archive/report?period=2022&window=cchc").get_data(as_text=True)
    wb = load_workbook(io.BytesIO(client.get("/archive/report.xlsx?period=2022").data))
    ws = wb["Theo đài trạm"]
    assert ws.freeze_panes == "A2"
    headers = [c.value for c in ws[1]]
    assert headers[:6] == ["STT", "Mã", "Đài/trạm", "Loại", "Số lần phát", "Số phút phát"]
    table = page.split('data-table="stations"', 1)[1].split("</table>", 1)[0]
    page_rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    for html_row, xl_row in zip(page_rows, ws.iter_rows(min_row=2, values_only=True),
                                strict=False):
        cells = [re.sub(r"<.*?>", "", c).strip() for c in re.findall(r"<td.*?</td>", html_row)]
        assert cells[1] == xl_row[1]
        assert isinstance(xl_row[4], int) and int(cells[4].replace(".", "")) == xl_row[4]
    by_code = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[1]}
    assert by_code["gio-an"][4] == 2 and by_code["gio-an"][11] == pytest.approx(66.7)
    total = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[2] == "Tổng cộng"][0]
    assert total[4] == 5
    assert set(wb.sheetnames) >= {"Tổng hợp", "Theo đài trạm", "Theo chủ đề", "Theo cơ quan",
                                  "Theo tháng", "Tin bài"}
    items = wb["Tin bài"]
    assert {r[2] for r in items.iter_rows(min_row=2, values_only=True)} == {
        "Công khai thủ tục hành chính", "Chỉ số PAPI"}


def test_the_cli_writes_xlsx_and_print_ready_html(runner, tmp_path, history):
    out = tmp_path / "bc.xlsx"
    result = runner.invoke(args=["report", "--period", "2022", "--half", "1", "--format", "xlsx",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    summary = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary["Tổng số lần phát"] == 4  # the H1 window ends 14/06/2022
    html = tmp_path / "bc.html"
    result = runner.invoke(args=["report", "--period", "2022", "--window", "calendar",
                                 "--format", "html", "--out", str(html)])
    assert result.exit_code == 0, result.output
    text = html.read_text()
    assert "<svg" in text and "<script" not in text and "@page" in text
    assert "Năm 2022 (lịch dương, 01/01/2022 – 31/12/2022)" in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian chromium")
def test_the_cli_prints_a_real_pdf_with_chromium(runner, tmp_path, history):
    out = tmp_path / "bc.pdf"
    result = runner.invoke(args=["report", "--period", "2022-Q1", "--format", "pdf",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 5000


def test_a_bad_period_is_refused_in_vietnamese(runner, tmp_path):
    result = runner.invoke(args=["report", "--period", "2022-Q7", "--out", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "Kỳ báo cáo “2022-Q7” không hợp lệ" in result.output


def test_months_of_the_report_follow_the_window(history):
    months = build_report(parse_period("2022")).months
    assert len(months) == 12 and months[0].name == "Tháng 1/2022"
    assert months[0].broadcasts == 3  # 15/12/2021 00:05 and two on 04/01/2022 (partial counts)
