"""URL rules for the alerts pages."""

from flask import Blueprint

from web.alerts import controllers

bp = Blueprint("alerts", __name__, url_prefix="/alerts")
bp.add_url_rule("", "index", controllers.index)
bp.add_url_rule("/rules", "rules", controllers.rules, methods=["GET", "POST"])
bp.add_url_rule("/subscriptions", "subscriptions", controllers.subscriptions,
                methods=["GET", "POST"])
bp.add_url_rule("/subscriptions/<int:sub_id>/delete", "unsubscribe", controllers.unsubscribe,
                methods=["POST"])
