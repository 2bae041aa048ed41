"""The period report as an official document: the print page and the PDF with the header,
số, date line, nơi nhận and signature block of radio.archive.official."""

from __future__ import annotations

from pathlib import Path

from radio import clock
from radio.archive import numbering
from radio.archive.official import Heading, foot_html, head_html, issuer_for
from radio.archive.reports.data import ReportData
from radio.archive.reports.html import render_html, write_html, write_pdf
from radio.archive.reports.xlsx import write_xlsx
from radio.models import OfficialDocument


def heading_for(unit: str | None = None, doc: OfficialDocument | None = None,
                tz=None) -> Heading:
    """The heading of an issued document, or of a draft dated today with the số left blank."""
    issuer = issuer_for(doc.unit if doc is not None else unit)
    return numbering.heading(issuer, clock.today(tz), doc)


def parts(heading: Heading) -> dict:
    return {"head": head_html(heading), "foot": foot_html(heading)}


def render(data: ReportData, heading: Heading, tz=None) -> str:
    return render_html(data, tz, **parts(heading))


def write(data: ReportData, fmt: str, out: Path | str, heading: Heading, tz=None) -> None:
    """Write the report as xlsx, html or pdf (the last two as the official document)."""
    if fmt == "xlsx":
        write_xlsx(data, out, tz)
    elif fmt == "html":
        write_html(data, out, tz, **parts(heading))
    else:
        write_pdf(data, out, tz, **parts(heading))
