"""The station network: district and communes, kinds, windows, last contact."""

from __future__ import annotations

from flask import current_app, g, render_template
from markupsafe import Markup

from radio import clock
from radio.asrun import reconcile
from radio.models import StationKind
from radio.stations import list_stations
from web.access import STAFF, allow


@allow(STAFF)
def index():
    today = clock.today()
    every = list_stations()
    names = {s.id: s.name for s in every}
    rows = list_stations(visible_to=g.principal)
    now = clock.now()
    stations = []
    for s in rows:
        active = s.exists_on(today)
        stations.append({
            "station": s,
            "windows": [w.label() for w in s.windows],
            "active": active,
            "merged_into": names.get(s.merged_into_id),
            "silent": active and reconcile.is_silent(s.last_contact_at, now),
        })
    active_rows = [r for r in stations if r["active"]]
    summary = {
        "district": sum(r["station"].kind == StationKind.district for r in active_rows),
        "communes": sum(r["station"].kind == StationKind.commune for r in active_rows),
        "silent": sum(r["silent"] for r in active_rows),
    }
    # A panel returns HTML; render_template gives a plain str, so mark it here once.
    panels = current_app.extensions.get("radio.dashboard_panels", [])
    return render_template("dashboard/index.html", stations=stations, today=today,
                           summary=summary, silent_hours=int(reconcile.SILENT_AFTER.total_seconds() // 3600),
                           panels=[Markup(p()) for p in panels])
