"""The report as a self-contained, print-ready HTML page (inline CSS and SVG, no scripts), and
as PDF when a headless Chromium is installed to print it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from radio.archive.reports.charts import report_charts
from radio.archive.reports.data import ReportData
from radio.archive.reports.tables import build_tables, format_cell
from radio.config import current_settings
from radio.errors import DomainError
from radio.i18n import _

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
_env.filters["cell"] = format_cell
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def render_html(data: ReportData, tz=None, *, head: str = "", foot: str = "") -> str:
    """The print page. `head` and `foot` are the official document's header and footer
    (radio.archive.official), given by the caller."""
    from radio.i18n import gettext

    template = _env.get_template("report_print.html")
    return template.render(data=data, period=data.period, tables=build_tables(data, tz),
                           charts=report_charts(data), _=gettext, head=head, foot=foot)


def _atomic_write(out: Path, data: bytes) -> None:
    tmp = out.with_name(f".{out.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, out)


def write_html(data: ReportData, out, tz=None, **parts) -> None:
    _atomic_write(Path(out), render_html(data, tz, **parts).encode())


def chromium_path() -> str | None:
    settings = current_settings()
    explicit = settings.chromium if settings else None
    if explicit:
        return explicit if shutil.which(explicit) else None  # a wrong path reads as missing
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str, out: Path, *, timeout: int = 120) -> None:
    """Print HTML to PDF with headless Chromium (Debian package `chromium`)."""
    browser = chromium_path()
    if browser is None:
        raise DomainError(_("Không xuất được PDF: máy chủ chưa cài Chromium (gói Debian "
                            "“chromium”). Hãy dùng --format html rồi in ra PDF từ trình duyệt."),
                          "pdf_unavailable")
    with tempfile.TemporaryDirectory(prefix="radio-report-") as work:
        src = Path(work) / "report.html"
        src.write_text(html, encoding="utf-8")
        target = Path(work) / "report.pdf"
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-dev-shm-usage", f"--user-data-dir={work}/profile",
               "--no-pdf-header-footer", f"--print-to-pdf={target}", src.as_uri()]
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        if not target.is_file() or target.stat().st_size == 0 or \
                not target.read_bytes()[:5] == b"%PDF-":
            raise DomainError(_("Chromium không in được PDF (mã thoát %(rc)s).",
                                rc=proc.returncode), "pdf_failed")
        _atomic_write(Path(out), target.read_bytes())


def write_pdf(data: ReportData, out, tz=None, **parts) -> None:
    html_to_pdf(render_html(data, tz, **parts), Path(out))
