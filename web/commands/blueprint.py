"""URL rules for the remote command pages."""

from flask import Blueprint

from web.commands import controllers

bp = Blueprint("commands", __name__)
bp.add_url_rule("/stations/<code>/commands", "station", controllers.station,
                methods=["GET", "POST"])
bp.add_url_rule("/fleet/commands", "send", controllers.send, methods=["POST"])
