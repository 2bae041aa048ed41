"""Emergency receipts on the emergency page: per station and cluster, when it was received,
started and finished (seconds after the start), and the stations not started within 60 s.

`register(bp)` adds the routes (the partial, its JSON for the page's 5-second refresh, the
small script) and the template helpers `emergency_receipts(batch_id)` (the live page's include
of emergency/_receipts.html) and `entry_receipts(entry_id)` (the archive's evidence of an
emergency airing, archive/_emergency_receipts.html).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, g, jsonify, render_template, send_file
from sqlalchemy import select

from radio import clock, scopes
from radio.db import db
from radio.errors import NotFound
from radio.fleet import receipt_util
from radio.i18n import _
from radio.models import ScheduleEntry
from schedules.entries import emergencies
from web.access import STAFF, allow

REFRESH_S = 5


def receipts_view(batch_id: str) -> dict:
    """What the partial shows: rows and late stations within the viewer's scope."""
    if not db.session.scalar(select(ScheduleEntry.id).where(ScheduleEntry.batch_id == batch_id)
                             .limit(1)):
        raise NotFound(_("Không tìm thấy bản tin khẩn cấp."), "emergency_not_found")
    now = clock.now()
    user = getattr(g, "principal", None)
    rows = [r for r in receipt_util.receipt_rows(batch_id)
            if scopes.can_see_station(user, r.station)]
    late = [s for s in receipt_util.late(batch_id, now) if scopes.can_see_station(user, s)]
    return {"batch_id": batch_id, "rows": rows, "late": late, "limit_s": receipt_util.LATE_S,
            "active": batch_id in emergencies.active_sends(now), "refresh_s": REFRESH_S}


@allow(STAFF)
def receipts(batch_id: str):
    return render_template("emergency/_receipts.html", receipts=receipts_view(batch_id))


@allow(STAFF)
def receipts_json(batch_id: str):
    view = receipts_view(batch_id)
    return jsonify({"batch_id": batch_id, "active": view["active"],
                    "limit_s": view["limit_s"],
                    "rows": [r.as_dict() for r in view["rows"]],
                    "late": [{"code": s.code, "name": s.name} for s in view["late"]],
                    "html": render_template("emergency/_receipts.html", receipts=view)})


@allow(STAFF)
def script():
    """The partial's refresh script (served here: the app's access rule denies undeclared
    endpoints, and the CSP allows no inline script)."""
    return send_file(Path(__file__).parent / "static" / "receipts.js",
                     mimetype="text/javascript", max_age=3600)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/receipts.js", "receipts_script", script)
    bp.add_url_rule("/<batch_id>/receipts", "receipts", receipts)
    bp.add_url_rule("/<batch_id>/receipts.json", "receipts_json", receipts_json)
    bp.app_context_processor(lambda: {"emergency_receipts": receipts_view,
                                      "entry_receipts": receipt_util.for_entry})
