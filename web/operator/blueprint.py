"""URL rules of the operator pages and the editors' reconciliation pages."""

from flask import Blueprint

from web.operator import controllers as c

bp = Blueprint("operator", __name__, url_prefix="/operator")
bp.add_url_rule("/", "index", c.index)
bp.add_url_rule("/stations/<code>", "station", c.station)
bp.add_url_rule("/stations/<code>/asrun", "record_manual", c.record_manual, methods=["POST"])
bp.add_url_rule("/reconcile", "reconcile", c.reconcile_day)
bp.add_url_rule("/compliance", "compliance", c.compliance)


def init_app(app) -> None:
    # The panel renders a web template; as-run's demo step is registered by radio.asrun.init_app.
    app.extensions.setdefault("radio.dashboard_panels", []).append(c.dashboard_panel)
