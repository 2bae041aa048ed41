"""URL rules for the audit log."""

from flask import Blueprint

from web.audit import controllers

bp = Blueprint("audit", __name__, url_prefix="/audit")
bp.add_url_rule("/", "index", controllers.index)
bp.add_url_rule("/audit.csv", "export_csv", controllers.export_csv)


def init_app(app) -> None:
    from web.audit.words import action_label

    app.jinja_env.filters["action_label"] = action_label
