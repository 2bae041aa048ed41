"""The station network: district and communes, kinds, windows, last contact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app, g, render_template

from radio.stations import list_stations, windows_text
from web.access import STAFF, allow

SILENT_AFTER = timedelta(hours=2)


@allow(STAFF)
def index():
    today = datetime.now(current_app.config["RADIO_SETTINGS"].tz).date()
    rows = list_stations(visible_to=g.principal)
    now = datetime.now(UTC)
    stations = [
        {
            "station": s,
            "windows": windows_text(s).replace("+", " +") or "—",
            "active": s.exists_on(today),
            "silent": s.last_contact_at is None or now - s.last_contact_at > SILENT_AFTER,
        }
        for s in rows
    ]
    panels = current_app.extensions.get("radio.dashboard_panels", [])
    return render_template("dashboard/index.html", stations=stations, today=today,
                           panels=[p() for p in panels])
