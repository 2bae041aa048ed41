"""The station network: district and communes, kinds, windows, last contact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app, g, render_template
from markupsafe import Markup

from radio.models import StationKind
from radio.stations import list_stations
from web.access import STAFF, allow

# A station that has not called in for this long while it should be working gets a warning.
SILENT_AFTER = timedelta(hours=2)


@allow(STAFF)
def index():
    today = datetime.now(current_app.config["RADIO_SETTINGS"].tz).date()
    rows = list_stations(visible_to=g.principal)
    names = {s.id: s.name for s in list_stations()}
    now = datetime.now(UTC)
    stations = []
    for s in rows:
        active = s.exists_on(today)
        stations.append({
            "station": s,
            "windows": [w.label() for w in s.windows],
            "active": active,
            "merged_into": names.get(s.merged_into_id),
            "silent": active and (s.last_contact_at is None
                                  or now - s.last_contact_at > SILENT_AFTER),
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
                           summary=summary, silent_hours=int(SILENT_AFTER.total_seconds() // 3600),
                           panels=[Markup(p()) for p in panels])
