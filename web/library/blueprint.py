"""URL rules of the library pages."""

from flask import Blueprint

from web.library import controllers as c

bp = Blueprint("library", __name__, url_prefix="/library")

bp.add_url_rule("/", "index", c.index)
bp.add_url_rule("/upload", "upload", c.upload, methods=["GET", "POST"])
bp.add_url_rule("/edit-list", "edit_list", c.edit_list, methods=["POST"])
bp.add_url_rule("/<int:item_id>", "item", c.item)
bp.add_url_rule("/<int:item_id>/edit", "edit", c.edit, methods=["POST"])
bp.add_url_rule("/<int:item_id>/retire", "retire", c.retire, methods=["POST"])
bp.add_url_rule("/<int:item_id>/restore", "restore", c.restore, methods=["POST"])
bp.add_url_rule("/<int:item_id>/delete", "delete", c.delete, methods=["POST"])
bp.add_url_rule("/<int:item_id>/audio", "audio", c.audio)
bp.add_url_rule("/<int:item_id>/original", "original", c.original)
