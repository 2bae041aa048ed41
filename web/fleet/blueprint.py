"""URL rules for the fleet page."""

from flask import Blueprint

from web.fleet import controllers

bp = Blueprint("fleet", __name__, url_prefix="/fleet")
bp.add_url_rule("", "index", controllers.index)
