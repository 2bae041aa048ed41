"""An auditor downloads the report as an official PDF from the report page."""

from __future__ import annotations

import subprocess

import pytest

pytestmark = pytest.mark.browser


def test_an_auditor_downloads_the_pdf(page, login_as, tmp_path):
    login_as("auditor")
    page.goto("/archive/report?period=2022&window=cchc")
    assert page.locator("#report-issue").count() == 0  # auditors read, editors number
    with page.expect_download(timeout=120000) as info:
        page.click("#report-pdf")
    download = info.value
    assert download.suggested_filename == "baocao_2022-cchc.pdf"
    path = tmp_path / "bc.pdf"
    download.save_as(path)
    assert path.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nơi nhận:" in text
    assert "/BC-TTVHTT" in text
