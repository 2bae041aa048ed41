"""URL rules of the archive pages, and the archive's dashboard panel."""

from flask import Blueprint

from web.archive import controllers as c
from web.archive import official

bp = Blueprint("archive", __name__, url_prefix="/archive")

bp.add_url_rule("/", "index", c.index)
bp.add_url_rule("/station/<code>", "station", c.station)
bp.add_url_rule("/station/<code>/day/<day>", "day", c.day)
bp.add_url_rule("/topic/<slug>", "topic", c.topic)
bp.add_url_rule("/agency/<slug>", "agency", c.agency)
bp.add_url_rule("/item/<int:item_id>", "item", c.item)
bp.add_url_rule("/item/<int:item_id>/audio", "item_audio", c.item_audio)
bp.add_url_rule("/item/<int:item_id>/attachments", "attachment_upload", c.attachment_upload,
                methods=["POST"])
bp.add_url_rule("/attachment/<int:attachment_id>", "attachment", c.attachment)
bp.add_url_rule("/search", "search", c.search)
bp.add_url_rule("/report", "report", c.report)
bp.add_url_rule("/report.xlsx", "report_xlsx", c.report_xlsx)
bp.add_url_rule("/report/print", "report_print", official.report_print)
bp.add_url_rule("/report.pdf", "report_pdf", official.report_pdf)
bp.add_url_rule("/report/issue", "report_issue", official.report_issue, methods=["POST"])
bp.add_url_rule("/package.zip", "package", c.package)
bp.add_url_rule("/verify", "verify", c.verify)


def init_app(app) -> None:
    from web.archive.panels import archive_panel

    # The panel renders a web template, so it is registered here; the archive's CLI, job and demo
    # year are registered by radio.archive.init_app.
    app.extensions.setdefault("radio.dashboard_panels", []).append(archive_panel)
