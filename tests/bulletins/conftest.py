"""Bulletin test helpers: real .docx/.odt files built with zipfile, a real PDF printed by
Chromium, a PDF with no text, and sentences of the plan (the seed's Kế hoạch 23/KH-UBND)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

# Sentences of the plan itself (Kế hoạch 23/KH-UBND, Gio Linh, 08/02/2022; /work/shared/seed).
PLAN = ("Thực hiện Kế hoạch số 15/KH-UBND ngày 26/01/2022 của UBND tỉnh về Tuyên truyền cải "
        "cách hành chính nhà nước trên địa bàn tỉnh Quảng Trị năm 2022. "
        "UBND huyện xây dựng Kế hoạch tuyên truyền cải cách hành chính năm 2022 với những nội "
        "dung chủ yếu sau. "
        "Tiếp tục nâng cao vai trò, trách nhiệm của người đứng đầu và cấp ủy Đảng, chính quyền "
        "các cấp tích cực tham gia công tác tuyên truyền CCHC.")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path: Path, paragraphs: list[str], table: list[list[str]] = (),
              line_break: tuple[str, str] | None = None) -> Path:
    def para(text: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body = "".join(para(p) for p in paragraphs)
    if line_break:
        body += (f"<w:p><w:r><w:t>{escape(line_break[0])}</w:t><w:br/>"
                 f"<w:t>{escape(line_break[1])}</w:t></w:r></w:p>")
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>"
                       for row in table)
        body += f"<w:tbl>{rows}</w:tbl>"
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Override PartName="/word/document.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.'
                    'wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("word/document.xml", doc)
    return path


def make_odt(path: Path, paragraphs: list[str], table: list[list[str]] = (),
             line_break: tuple[str, str] | None = None) -> Path:
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    if line_break:
        body += (f"<text:p>{escape(line_break[0])}<text:line-break/>"
                 f"{escape(line_break[1])}</text:p>")
    if table:
        rows = "".join("<table:table-row>" + "".join(
            f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)
            + "</table:table-row>" for row in table)
        body += f"<table:table>{rows}</table:table>"
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
               f'<office:body><office:text>{body}</office:text></office:body>'
               '</office:document-content>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def print_pdf(html: str, out: Path) -> Path:
    """A real text PDF: Chromium prints the HTML page."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "chromium is a system dependency of the project"
    work = out.parent / (out.stem + "-work")
    work.mkdir()
    src = work / "page.html"
    src.write_text(html, encoding="utf-8")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-dev-shm-usage", f"--user-data-dir={work}/profile",
                    "--no-pdf-header-footer", f"--print-to-pdf={out}", src.as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert out.read_bytes()[:5] == b"%PDF-"
    return out


def blank_pdf(out: Path) -> Path:
    """A valid one-page PDF with no text at all (what a scan without OCR gives pdftotext)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length 0 >>\nstream\n\nendstream"]
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    out.write_bytes(bytes(data))
    return out


@pytest.fixture(scope="session")
def plan_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bulletin-pdf")
    html = ('<!doctype html><meta charset="utf-8"><body style="font-family: sans-serif">'
            "<p>Kế hoạch tuyên truyền cải cách hành chính năm 2022.</p>"
            "<p>UBND huyện Gio Linh.</p></body>")
    return print_pdf(html, folder / "ke-hoach.pdf")
