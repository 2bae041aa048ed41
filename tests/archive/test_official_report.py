"""The report as an official document (Nghị định 30/2020): header, số, date line, nơi nhận,
signature block, A4, from the CLI and the web; the numbers read as on the page."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from radio import clock, numbers
from radio.archive.official import date_in_words, issuer_for, load_issuers

VN = ZoneInfo("Asia/Ho_Chi_Minh")
needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None,
                                    reason="needs Debian chromium")


@pytest.fixture
def long_history(create_media_item, air):
    item = create_media_item("Công khai thủ tục hành chính", topics=("thu-tuc-hanh-chinh",), agency="phong-noi-vu", audio="stored")
    # One play of 72 174 s: 1 202,9 minutes, so the thousands and the decimals both show.
    air("gio-an", item, datetime(2022, 2, 3, 5, 40, tzinfo=VN).astimezone(UTC), seconds=72174)
    return item


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                          check=True, text=True).stdout


def _page_size(pdf) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True,
                          text=True).stdout
    return re.search(r"Page size:\s+(.*)", info).group(1)


def test_the_date_line_is_written_in_words_with_the_decrees_leading_zeros():
    assert date_in_words("Gio Linh", date(2022, 12, 14)) == "Gio Linh, ngày 14 tháng 12 năm 2022"
    assert date_in_words("Gio Linh", date(2022, 2, 5)) == "Gio Linh, ngày 05 tháng 02 năm 2022"
    assert date_in_words("Gio Linh", date(2022, 3, 9)) == "Gio Linh, ngày 09 tháng 3 năm 2022"


def test_each_unit_has_its_issuing_body_from_the_settings_file(tmp_path):
    path = tmp_path / "official.toml"
    path.write_text('[default]\nparent = "UBND HUYỆN GIO LINH"\nsigner = "Nguyễn Văn A"\n'
                    '[units.gio-an]\nparent = "UBND XÃ GIO AN"\nname = "ĐÀI TRUYỀN THANH XÃ"\n'
                    'symbol = "ĐTT"\nplace = "Gio An"\nauthority = ""\nposition = "TRƯỞNG ĐÀI"\n'
                    'recipients = ["UBND xã", "Lưu"]\n', encoding="utf-8")
    issuers = load_issuers(path)
    assert issuers["default"].signer == "Nguyễn Văn A"
    commune = issuers["gio-an"]
    assert (commune.parent, commune.symbol, commune.place) == ("UBND XÃ GIO AN", "ĐTT", "Gio An")
    assert commune.signer == "Nguyễn Văn A" and commune.recipients == ("UBND xã", "Lưu")
    assert load_issuers(tmp_path / "missing.toml")["default"].name == \
        "TRUNG TÂM VĂN HÓA, THÔNG TIN VÀ THỂ THAO"


@needs_chromium
def test_the_cli_pdf_is_an_a4_official_document_with_its_number(runner, tmp_path,
                                                                 long_history):
    out = tmp_path / "bc.pdf"
    result = runner.invoke(args=["report", "--period", "2022-Q1", "--format", "pdf",
                                 "--issue", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Số văn bản: 01/BC-TTVHTT" in result.output
    assert "1.202,9 phút" in result.output  # the CLI writes the number as the PDF does
    text = _text(out)
    flat = re.sub(r"\s+", " ", text)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    lines = [line.strip() for line in text.splitlines()]
    assert "UBND HUYỆN GIO LINH" in lines and "TRUNG TÂM VĂN HÓA, THÔNG" in lines
    assert "Số: 01/BC-TTVHTT" in flat
    assert date_in_words("Gio Linh", clock.today()) in flat
    assert "Nơi nhận:" in flat and "- Lưu: VT." in flat
    assert "KT. GIÁM ĐỐC" in flat and "PHÓ GIÁM ĐỐC" in flat
    assert numbers.number(1202.9, 1) == "1.202,9" and "1.202,9" in flat
    assert "district-radio" not in flat
    pages = text.split("\f")
    assert len(pages) >= 3 and pages[0].strip().splitlines()[0] == "UBND HUYỆN GIO LINH"
    assert pages[1].strip().splitlines()[0] == "2"  # numbered in the top margin from page 2
    width, height = (float(v) for v in re.findall(r"[\d.]+", _page_size(out))[:2])
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # 210 × 297 mm
    assert _page_size(out).endswith("(A4)")
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(png)],
                   check=True)
    rendered = list(tmp_path.glob("page*.png"))
    assert len(rendered) == 1 and rendered[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    second = runner.invoke(args=["report", "--period", "2022-Q1", "--format", "html",
                                 "--issue", "--out", str(tmp_path / "b.html")])
    assert "Số văn bản: 02/BC-TTVHTT" in second.output
    taken = runner.invoke(args=["report", "--period", "2022-Q1", "--format", "html",
                                "--number", "2", "--out", str(tmp_path / "c.html")])
    assert taken.exit_code == 1
    assert f"Số 2 năm {clock.today().year} đã cấp cho văn bản khác." in taken.output


@needs_chromium
def test_an_auditor_downloads_the_pdf_and_an_editor_gives_it_a_number(client, login,
                                                                      long_history):
    login("editor")
    issued = client.post("/archive/report/issue", data={"period": "2022-Q1", "window": "cchc"})
    assert issued.status_code == 302 and "doc=" in issued.headers["Location"]
    doc_id = re.search(r"doc=(\d+)", issued.headers["Location"]).group(1)
    page = client.get(issued.headers["Location"]).text
    assert "Đã cấp số 01/BC-TTVHTT" in page and "report.pdf?period=2022-Q1" in page
    client.post("/logout")
    login("auditor")
    draft = client.get("/archive/report.pdf?period=2022-Q1")
    assert draft.status_code == 200 and draft.mimetype == "application/pdf"
    assert draft.headers["Content-Disposition"] == 'attachment; filename="baocao_2022-Q1-cchc.pdf"'
    assert draft.data[:5] == b"%PDF-"
    numbered = client.get(f"/archive/report.pdf?period=2022-Q1&doc={doc_id}")
    assert numbered.status_code == 200
    assert f'filename="baocao_2022-Q1-cchc_so01-{clock.today().year}.pdf"' in \
        numbered.headers["Content-Disposition"]
    bad = client.get("/archive/report.pdf?period=2022-Q1&doc=abc")
    assert bad.status_code == 400 and "Số hiệu văn bản “abc” không hợp lệ." in bad.text


def test_the_print_page_has_no_username_and_a_blank_number_before_issue(client, login, app,
                                                                         long_history,
                                                                         tmp_path, monkeypatch):
    path = tmp_path / "official.toml"
    path.write_text('[default]\nsigner = "Lê Thị B"\nplace = "Gio Linh"\n', encoding="utf-8")
    settings = dataclasses.replace(app.config["RADIO_SETTINGS"], doc_file=path)
    monkeypatch.setitem(app.config, "RADIO_SETTINGS", settings)
    login("auditor")
    html = client.get("/archive/report/print?period=2022-Q1").text
    assert "Lê Thị B" in html and "auditor" not in html
    assert "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-TTVHTT" in html.replace("&nbsp;", "\u00a0")
    assert "1.202,9" in html
    assert issuer_for().signer == "Lê Thị B"


def test_without_chromium_the_pdf_button_says_what_to_install(client, login, app, monkeypatch,
                                                              long_history):
    settings = dataclasses.replace(app.config["RADIO_SETTINGS"], chromium="/khong-co/chromium")
    monkeypatch.setitem(app.config, "RADIO_SETTINGS", settings)
    login("auditor")
    resp = client.get("/archive/report.pdf?period=2022-Q1")
    assert resp.status_code == 400
    assert "máy chủ chưa cài Chromium (gói Debian “chromium”)" in resp.text
    assert "Bản in" in resp.text


def test_one_formatter_writes_the_page_the_xlsx_format_and_the_print(client, login,
                                                                    long_history):
    import io

    from openpyxl import load_workbook

    from radio.numbers import XLSX_FORMATS

    login("auditor")
    page = client.get("/archive/report?period=2022-Q1").text
    assert "1.202,9" in page
    wb = load_workbook(io.BytesIO(client.get("/archive/report.xlsx?period=2022-Q1").data))
    ws = wb["Theo đài trạm"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "gio-an")
    assert row[5].value == pytest.approx(1202.9) and row[5].number_format == XLSX_FORMATS["num"]
    assert numbers.number(row[5].value, 1) == "1.202,9"
    assert "1.202,9" in client.get("/archive/report/print?period=2022-Q1").text
