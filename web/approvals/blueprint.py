"""URL rules of the approval pages."""

from flask import Blueprint

from web.approvals import controllers as c

bp = Blueprint("approvals", __name__, url_prefix="/approvals")

bp.add_url_rule("", "index", c.index)
bp.add_url_rule("/<any(media, occurrence):kind>/<int:obj_id>", "show", c.show)
bp.add_url_rule("/<any(media, occurrence):kind>/<int:obj_id>/approve", "approve", c.approve,
                methods=["POST"])
bp.add_url_rule("/<any(media, occurrence):kind>/<int:obj_id>/return", "return_", c.return_,
                methods=["POST"])
bp.add_url_rule("/<any(media, occurrence):kind>/<int:obj_id>/submit", "submit", c.submit,
                methods=["POST"])
