"""Reads of programmes and occurrences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import (
    Occurrence,
    Programme,
)


def get_programme(programme_id: int) -> Programme:
    prog = db.session.get(Programme, programme_id)
    if prog is None:
        raise NotFound(_("Không tìm thấy chuyên mục."), "programme_not_found")
    return prog


def get_occurrence(occurrence_id: int) -> Occurrence:
    occ = db.session.get(Occurrence, occurrence_id)
    if occ is None:
        raise NotFound(_("Không tìm thấy số phát."), "occurrence_not_found")
    return occ


def list_programmes(include_inactive: bool = True) -> list[Programme]:
    query = select(Programme).order_by(Programme.name)
    if not include_inactive:
        query = query.where(Programme.active.is_(True))
    return list(db.session.scalars(query))


def upcoming_occurrences(programme_id: int, after: datetime, limit: int = 20) -> list[Occurrence]:
    return list(db.session.scalars(
        select(Occurrence).where(Occurrence.programme_id == programme_id,
                                 Occurrence.ends_at > after)
        .order_by(Occurrence.starts_at).limit(limit)))
