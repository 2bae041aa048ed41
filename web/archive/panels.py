"""The archive's dashboard panel: chain sizes, the latest daily seals and links for readers.
A scoped reader sees the as-run rows of the stations in their scope only."""

from __future__ import annotations

from flask import g, render_template
from sqlalchemy import func, select

from radio import scopes
from radio.archive.seals import latest_seals
from radio.db import db
from radio.models import AsRunEvent, AuditEntry
from web.access import READERS


def archive_panel() -> str:
    principal = g.get("principal")
    role = getattr(getattr(principal, "role", None), "value", None)
    if role not in READERS:
        return ""
    asrun = select(func.count()).select_from(AsRunEvent)
    ids = scopes.visible_station_ids(principal)
    if ids is not None:
        asrun = asrun.where(AsRunEvent.station_id.in_(sorted(ids)))
    return render_template(
        "archive/_panel.html", seals=latest_seals(), asrun=db.session.scalar(asrun),
        audit=db.session.scalar(select(func.count()).select_from(AuditEntry)))
