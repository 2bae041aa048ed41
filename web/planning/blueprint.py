"""URL rules of the planning pages."""

from flask import Blueprint

from web.approvals_panel import approvals_panel
from web.planning import bulk, cancel, month, week
from web.planning import controllers as c
from web.planning.scheduler_panel import scheduler_panel

bp = Blueprint("planning", __name__, url_prefix="/planning")
bp.add_url_rule("/", "index", c.index)
bp.add_url_rule("/month", "network_month", month.network_month)
bp.add_url_rule("/entries/bulk", "entries_bulk", bulk.entries_bulk, methods=["POST"])
bp.add_url_rule("/stations/<code>/month", "station_month", month.station_month)
bp.add_url_rule("/programmes/new", "programme_new", c.programme_new, methods=["GET", "POST"])
bp.add_url_rule("/programmes/<int:programme_id>", "programme", c.programme)
bp.add_url_rule("/programmes/<int:programme_id>/edit", "programme_edit", c.programme_edit,
                methods=["GET", "POST"])
bp.add_url_rule("/occurrences/<int:occurrence_id>", "occurrence", c.occurrence)
bp.add_url_rule("/occurrences/<int:occurrence_id>/rundown", "rundown_update", c.rundown_update,
                methods=["POST"])
bp.add_url_rule("/occurrences/<int:occurrence_id>/skip", "occurrence_skip", c.occurrence_skip,
                methods=["POST"])
bp.add_url_rule("/occurrences/<int:occurrence_id>/move", "occurrence_move", c.occurrence_move,
                methods=["POST"])
bp.add_url_rule("/entries/new", "entry_new", c.entry_new, methods=["GET", "POST"])
bp.add_url_rule("/entries/<int:entry_id>/cancel", "entry_cancel", cancel.entry_cancel,
                methods=["GET", "POST"])
bp.add_url_rule("/stations/<code>/week", "week", week.week)


def init_app(app) -> None:
    app.extensions.setdefault("radio.dashboard_panels", []).append(scheduler_panel)
    app.extensions["radio.dashboard_panels"].append(approvals_panel)
