"""URL rules for the dashboard."""

from flask import Blueprint

from web.dashboard import controllers

bp = Blueprint("dashboard", __name__)
bp.add_url_rule("/", "index", controllers.index)
