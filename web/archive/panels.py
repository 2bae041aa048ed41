"""The archive's dashboard panel: chain sizes, the latest daily seals and links for readers."""

from __future__ import annotations

from flask import g, render_template
from sqlalchemy import func, select

from radio.archive.seals import latest_seals
from radio.db import db
from radio.models import AsRunEvent, AuditEntry
from web.access import READERS


def archive_panel() -> str:
    principal = g.get("principal")
    role = getattr(getattr(principal, "role", None), "value", None)
    if role not in READERS:
        return ""
    return render_template(
        "archive/_panel.html", seals=latest_seals(),
        asrun=db.session.scalar(select(func.count()).select_from(AsRunEvent)),
        audit=db.session.scalar(select(func.count()).select_from(AuditEntry)))
