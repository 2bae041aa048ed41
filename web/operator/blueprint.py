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
    from radio.agent.cli import station_agent
    from radio.asrun.demo import load_history

    app.cli.add_command(station_agent)
    app.extensions.setdefault("radio.demo_steps", []).append((40, load_history))
    app.extensions.setdefault("radio.dashboard_panels", []).append(c.dashboard_panel)
