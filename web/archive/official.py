"""The report as an official document on the web: the print page, "Tải PDF", and cấp số."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Response, flash, redirect, request, url_for

from radio import clock
from radio.archive import numbering, official_report
from radio.archive.official import official_title
from radio.archive.reports.data import build_report
from radio.archive.reports.html import html_to_pdf
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from web.access import EDITORS, READERS, allow, current_actor, report_station_codes
from web.args import period_arg


def _doc_arg():
    raw = request.args.get("doc", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise DomainError(_("Số hiệu văn bản “%(v)s” không hợp lệ.", v=raw), "doc", field="doc")
    return numbering.get(int(raw))


def _html() -> tuple[str, str]:
    period = period_arg(request.args)
    doc = _doc_arg()
    heading = official_report.heading_for(request.args.get("unit") or None, doc)
    name = f"baocao_{period.slug}" + (f"_so{doc.number:02d}-{doc.year}" if doc else "")
    return official_report.render(build_report(period, station_codes=report_station_codes()), heading), name


@allow(READERS)
def report_print():
    html, _name = _html()
    return Response(html, mimetype="text/html")


@allow(READERS)
def report_pdf():
    html, name = _html()
    with tempfile.TemporaryDirectory(prefix="radio-pdf-") as work:
        out = Path(work) / "report.pdf"
        try:
            html_to_pdf(html, out)
        except DomainError as exc:
            if exc.code != "pdf_unavailable":
                raise
            raise DomainError(_("Không xuất được PDF: máy chủ chưa cài Chromium (gói Debian "
                                "“chromium”). Hãy mở “Bản in” rồi in ra PDF từ trình duyệt."),
                              "pdf_unavailable") from exc
        body = out.read_bytes()
    resp = Response(body, mimetype="application/pdf")
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    resp.headers["Cache-Control"] = "no-store"
    return resp


@allow(EDITORS)
def report_issue():
    """Give the report its số for this year (entered, or the next free one) and date it today."""
    period = period_arg(request.form)
    raw = (request.form.get("number") or "").strip()
    if raw and not raw.isdigit():
        raise DomainError(_("Số văn bản “%(v)s” phải là số nguyên dương.", v=raw), "number",
                          field="number")
    user = current_actor()
    heading = official_report.heading_for(request.form.get("unit") or None)
    doc = numbering.issue(heading.issuer, title=official_title(), period_key=period.key,
                          window=period.window, day=clock.today(),
                          actor=user, number=int(raw) if raw else None)
    db.session.commit()
    flash(_("Đã cấp số %(ref)s ngày %(d)s.", ref=doc.reference,
            d=doc.issued_on.strftime("%d/%m/%Y")), "success")
    return redirect(url_for("archive.report", period=period.key, window=period.window,
                            doc=doc.id))
