"""URL rules of the "Phát trực tiếp" pages."""

from flask import Blueprint

from web.live import controllers

bp = Blueprint("live", __name__, url_prefix="/live")
bp.add_url_rule("/", "index", controllers.index)
bp.add_url_rule("/<code>", "station", controllers.station)
bp.add_url_rule("/<code>/status", "status", controllers.status)
bp.add_url_rule("/<code>/start", "start", controllers.start, methods=["POST"])
bp.add_url_rule("/<code>/chunk/<int:session_id>", "chunk", controllers.chunk, methods=["POST"])
bp.add_url_rule("/<code>/stop/<int:session_id>", "stop", controllers.stop, methods=["POST"])


def init_app(app) -> None:
    from web.live import panels

    panels.init_app(app)
    app.after_request(controllers.stream_csp)
    app.jinja_env.globals["live_stream_url"] = controllers.live_stream_url
