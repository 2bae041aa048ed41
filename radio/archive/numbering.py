"""Số of official documents: entered by hand or the next free number of the unit's year."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from radio import audit
from radio.archive.official import Heading, Issuer
from radio.db import db
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import OfficialDocument

REPORT = "BC"  # loại văn bản: báo cáo


def next_number(unit: str, year: int) -> int:
    last = db.session.scalar(select(func.max(OfficialDocument.number)).where(
        OfficialDocument.unit == unit, OfficialDocument.year == year))
    return (last or 0) + 1


def issue(issuer: Issuer, *, title: str, period_key: str, window: str, day: date,
          actor=None, number: int | None = None) -> OfficialDocument:
    """Record a report as issued on `day` with its số, and audit it (flushes, never commits).

    Without an actor (the CLI) the register names "cli"."""
    if number is not None:
        if number < 1:
            raise DomainError(_("Số văn bản phải là số nguyên dương."), "number", field="number")
        taken = db.session.scalar(select(OfficialDocument.id).where(
            OfficialDocument.unit == issuer.key, OfficialDocument.year == day.year,
            OfficialDocument.number == number))
        if taken is not None:
            raise DomainError(_("Số %(n)s năm %(y)s đã cấp cho văn bản khác.", n=number,
                                y=day.year), "number_taken", field="number")
    doc = OfficialDocument(
        unit=issuer.key, year=day.year, number=number or next_number(issuer.key, day.year),
        symbol=f"{REPORT}-{issuer.symbol}", title=title[:300], period_key=period_key,
        window=window, issued_on=day, created_by=actor.username if actor else "cli")
    db.session.add(doc)
    db.session.flush()
    audit.record(actor, "report.issue", "official_document", doc.id,
                 after={"reference": doc.reference, "period": period_key},
                 summary=f"{doc.reference} {period_key}", actor_name="cli")
    return doc


def get(doc_id: int) -> OfficialDocument:
    doc = db.session.get(OfficialDocument, doc_id)
    if doc is None:
        raise NotFound(_("Không có văn bản số hiệu %(id)s.", id=doc_id))
    return doc


def heading(issuer: Issuer, day: date, doc: OfficialDocument | None = None) -> Heading:
    if doc is None:
        return Heading(issuer, REPORT, None, day)
    return Heading(issuer, REPORT, doc.number, doc.issued_on)
