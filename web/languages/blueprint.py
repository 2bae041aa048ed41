"""URL rules of the language pages."""

from flask import Blueprint

from web.languages import controllers

bp = Blueprint("languages", __name__, url_prefix="/admin/languages")
bp.add_url_rule("", "index", controllers.index)
bp.add_url_rule("", "add", controllers.add, methods=["POST"])
bp.add_url_rule("/<code>", "edit", controllers.edit, methods=["GET", "POST"])
bp.add_url_rule("/<code>/delete", "delete", controllers.delete, methods=["POST"])
