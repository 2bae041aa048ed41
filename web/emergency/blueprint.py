"""URL rules for emergencies."""

from flask import Blueprint

from web.emergency import controllers as c
from web.emergency import init_app  # noqa: F401  (the factory calls it: the banner)
from web.emergency import receipts as rc

bp = Blueprint("emergency", __name__, url_prefix="/emergency")
bp.add_url_rule("/new", "new", c.new, methods=["GET", "POST"])
bp.add_url_rule("/send", "send", c.send, methods=["POST"])
bp.add_url_rule("/<batch_id>", "live", c.live)
bp.add_url_rule("/<batch_id>/cancel", "cancel", c.cancel, methods=["GET", "POST"])
rc.register(bp)
