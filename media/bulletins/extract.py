"""Text from an uploaded document: .txt, .docx, .odt and text PDF, standard library only (and
poppler's `pdftotext` for PDF).

    extract_text(path, name=None) -> str     NFC text, paragraphs separated by blank lines
    extract_bytes(data, name) -> str         the same for bytes of an upload

A file over MAX_BYTES, a document whose unpacked XML would exceed MAX_UNPACKED, a broken file
or a PDF without text raise ExtractError (a DomainError) with a clear Vietnamese message.
Nothing is written outside a temporary directory, which is removed afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET  # noqa: N817

from radio.errors import DomainError
from radio.i18n import _

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024  # a zip bomb stops here
PDF_TIMEOUT_S = 30
SUFFIXES = (".txt", ".docx", ".odt", ".pdf")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


class ExtractError(DomainError):
    """The document's text could not be read."""


def _broken(name: str) -> ExtractError:
    return ExtractError(_("Không đọc được tệp “%(name)s”: tệp hỏng hoặc không đúng định dạng.",
                          name=name), "extract_broken", field="file")


def extract_bytes(data: bytes, name: str) -> str:
    """Text of an uploaded document's bytes, through a temporary file."""
    _check_size(len(data))
    work = Path(tempfile.mkdtemp(prefix="radio-extract-"))
    try:
        path = work / ("upload" + Path(name or "").suffix.lower())
        path.write_bytes(data)
        return extract_text(path, name)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def extract_text(path: str | Path, name: str | None = None) -> str:
    path = Path(path)
    name = name or path.name
    suffix = Path(name).suffix.lower() or path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExtractError(_("Chỉ đọc được chữ từ tệp .txt, .docx, .odt hoặc .pdf."),
                           "extract_format", field="file")
    if not path.is_file():
        raise DomainError(_("Không tìm thấy tệp “%(name)s”.", name=name), "file_not_found")
    _check_size(path.stat().st_size)
    if suffix == ".txt":
        text = decode_text(path.read_bytes())
    elif suffix == ".pdf":
        text = _pdf(path, name)
    else:
        text = _zipped(path, name, suffix)
    return tidy(text)


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ExtractError(_("Tệp quá lớn để lấy chữ (tối đa %(mb)s MB).", mb=MAX_BYTES // 2**20),
                           "extract_too_big", field="file")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1258, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1258", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def tidy(text: str) -> str:
    """NFC, Unix line ends, trailing spaces and runs of blank lines removed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.replace("\f", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# -- .docx and .odt ----------------------------------------------------------------------------

def _zipped(path: Path, name: str, suffix: str) -> str:
    member = "word/document.xml" if suffix == ".docx" else "content.xml"
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
            info = zf.getinfo(member)
            if total > MAX_UNPACKED or info.file_size > MAX_UNPACKED:
                raise ExtractError(_("Tệp “%(name)s” giải nén ra quá lớn.", name=name),
                                   "extract_too_big", field="file")
            with zf.open(info) as fh:
                xml = fh.read(MAX_UNPACKED + 1)
        if len(xml) > MAX_UNPACKED:
            raise ExtractError(_("Tệp “%(name)s” giải nén ra quá lớn.", name=name),
                               "extract_too_big", field="file")
        root = ET.fromstring(xml)
    except ExtractError:
        raise
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, EOFError, ValueError):
        raise _broken(name) from None
    paragraphs = _docx(root) if suffix == ".docx" else _odt(root)
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())


def _docx(root: ET.Element) -> list[str]:
    body = root.find(f"{W}body")
    return _docx_blocks(body if body is not None else root)


def _docx_blocks(parent: ET.Element) -> list[str]:
    out: list[str] = []
    for child in parent:
        if child.tag == f"{W}p":
            out.append(_docx_paragraph(child))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = [" ".join(p for p in (_docx_paragraph(par) for par in tc.iter(f"{W}p")) if p)
                         for tc in row.findall(f"{W}tc")]
                out.append(" | ".join(c for c in cells if c))
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(_docx_blocks(content))
    return out


def _docx_paragraph(p: ET.Element) -> str:
    parts: list[str] = []
    for el in p.iter():
        if el.tag == f"{W}t" and el.text:
            parts.append(el.text)
        elif el.tag == f"{W}tab":
            parts.append("\t")
        elif el.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def _odt(root: ET.Element) -> list[str]:
    out: list[str] = []
    body = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    _odt_blocks(body if body is not None else root, out)
    return out


def _odt_blocks(parent: ET.Element, out: list[str]) -> None:
    for child in parent:
        if child.tag in (f"{TEXT_NS}p", f"{TEXT_NS}h"):
            out.append(_odt_inline(child))
        elif child.tag == f"{TABLE_NS}table":
            for row in child.iter(f"{TABLE_NS}table-row"):
                cells = []
                for cell in row.findall(f"{TABLE_NS}table-cell"):
                    inner: list[str] = []
                    _odt_blocks(cell, inner)
                    cells.append(" ".join(p.strip() for p in inner if p.strip()))
                out.append(" | ".join(c for c in cells if c))
        else:  # lists, sections, frames: their paragraphs in order
            _odt_blocks(child, out)


def _odt_inline(el: ET.Element) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag == f"{TEXT_NS}line-break":
            parts.append("\n")
        elif child.tag == f"{TEXT_NS}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT_NS}s":
            parts.append(" " * int(child.get(f"{TEXT_NS}c", "1")))
        else:
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


# -- PDF ---------------------------------------------------------------------------------------

def _pdf(path: Path, name: str) -> str:
    binary = shutil.which("pdftotext")
    if binary is None:
        raise ExtractError(_("Chưa cài pdftotext (gói poppler-utils) để đọc tệp PDF."),
                           "extract_no_pdftotext")
    work = Path(tempfile.mkdtemp(prefix="radio-pdf-"))
    try:
        out = work / "out.txt"
        try:
            proc = subprocess.run([binary, "-layout", "-enc", "UTF-8", str(path), str(out)],
                                  capture_output=True, timeout=PDF_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise ExtractError(_("Đọc tệp PDF “%(name)s” quá lâu, đã dừng.", name=name),
                               "extract_timeout", field="file") from None
        if proc.returncode != 0 or not out.is_file():
            raise _broken(name)
        text = out.read_bytes()[:MAX_UNPACKED].decode("utf-8", errors="replace")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not text.strip():
        raise ExtractError(_("PDF này không có chữ (bản scan?)"), "extract_pdf_no_text",
                           field="file")
    return text
