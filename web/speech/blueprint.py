"""URL rules of the speech settings pages."""

from flask import Blueprint

from web.speech import controllers

bp = Blueprint("speech", __name__, url_prefix="/settings/abbreviations")
bp.add_url_rule("", "index", controllers.index, methods=["GET"])
bp.add_url_rule("", "create", controllers.create, methods=["POST"])
bp.add_url_rule("/<int:abbreviation_id>", "edit", controllers.edit, methods=["GET", "POST"])
bp.add_url_rule("/<int:abbreviation_id>/delete", "delete", controllers.delete, methods=["POST"])
