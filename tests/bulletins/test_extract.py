"""Text from uploads: .txt in its encodings, .docx, .odt, text PDF, and the broken files."""

from __future__ import annotations

import unicodedata
import zipfile

import pytest

from media.bulletins import extract
from media.bulletins.extract import ExtractError, extract_bytes, extract_text
from tests.bulletins.conftest import blank_pdf, make_docx, make_odt

TEXT = "Thông báo về thủ tục hành chính mới."


@pytest.mark.parametrize("encoding,prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                             ("utf-16-le", b"\xff\xfe"),
                                             ("utf-16-be", b"\xfe\xff")])
def test_txt_in_utf8_and_utf16_with_bom(tmp_path, encoding, prefix):
    path = tmp_path / "tin.txt"
    path.write_bytes(prefix + f"{TEXT}\r\nDòng hai.\r\n".encode(encoding))
    assert extract_text(path) == f"{TEXT}\nDòng hai."


def test_txt_in_windows_1258_and_decomposed_text_become_nfc(tmp_path):
    path = tmp_path / "cu.txt"
    # Windows-1258 writes Vietnamese with combining tones: "Hà Nội" as decomposed bytes.
    path.write_bytes(b"Xa\xde Gio An Ha\xcc N\xf4\xf2i")
    text = extract_text(path)
    assert text == "Xã Gio An Hà Nội"
    assert unicodedata.is_normalized("NFC", text)


def test_docx_paragraphs_table_cells_and_line_breaks_in_order(tmp_path):
    path = make_docx(tmp_path / "tb.docx", ["Số: 23/KH-UBND", "Kế hoạch tuyên truyền CCHC"],
                     table=[["Thủ tục", "Thời hạn"], ["Khai sinh", "1 ngày"]],
                     line_break=("Dòng một", "dòng hai"))
    assert extract_text(path) == ("Số: 23/KH-UBND\n\nKế hoạch tuyên truyền CCHC\n\n"
                                  "Dòng một\ndòng hai\n\nThủ tục | Thời hạn\n\nKhai sinh | 1 ngày")


def test_odt_paragraphs_table_cells_and_line_breaks_in_order(tmp_path):
    path = make_odt(tmp_path / "tb.odt", ["Thông báo", "Ủy ban nhân dân xã Gio An"],
                    table=[["Giờ", "Việc"], ["7:30", "Tiếp dân"]],
                    line_break=("Sáng thứ Hai", "chiều thứ Sáu"))
    assert extract_text(path) == ("Thông báo\n\nỦy ban nhân dân xã Gio An\n\n"
                                  "Sáng thứ Hai\nchiều thứ Sáu\n\nGiờ | Việc\n\n7:30 | Tiếp dân")


def test_text_pdf_printed_by_chromium_reads_back(plan_pdf):
    text = extract_text(plan_pdf)
    assert "Kế hoạch tuyên truyền cải cách hành chính năm 2022." in text
    assert "UBND huyện Gio Linh." in text


def test_pdf_without_text_is_called_a_scan(tmp_path):
    with pytest.raises(ExtractError) as err:
        extract_text(blank_pdf(tmp_path / "scan.pdf"))
    assert err.value.code == "extract_pdf_no_text"
    assert err.value.message == "PDF này không có chữ (bản scan?)"


@pytest.mark.parametrize("name", ["hong.pdf", "hong.docx", "hong.odt"])
def test_broken_files_get_a_clear_error(name):
    with pytest.raises(ExtractError) as err:
        extract_bytes(b"this is not a document at all", name)
    assert err.value.code == "extract_broken"
    assert err.value.message == (f"Không đọc được tệp “{name}”: tệp hỏng hoặc không đúng "
                                 "định dạng.")


def test_a_docx_without_its_document_part_is_broken(tmp_path):
    path = tmp_path / "rong.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("other.xml", "<x/>")
    with pytest.raises(ExtractError) as err:
        extract_text(path)
    assert err.value.code == "extract_broken"


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "MAX_UNPACKED", 100_000)
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<a>" + " " * 200_000 + "</a>")
    assert path.stat().st_size < 5_000
    with pytest.raises(ExtractError) as err:
        extract_text(path)
    assert err.value.code == "extract_too_big"


def test_size_cap_and_unknown_format(tmp_path):
    with pytest.raises(ExtractError) as err:
        extract_bytes(b"a" * (extract.MAX_BYTES + 1), "lon.txt")
    assert err.value.code == "extract_too_big"
    with pytest.raises(ExtractError) as err:
        extract_bytes(b"MZ", "virus.exe")
    assert err.value.code == "extract_format"
    assert err.value.message == "Chỉ đọc được chữ từ tệp .txt, .docx, .odt hoặc .pdf."
