"""URL rules of the archive pages, and the archive work's hooks (CLI, demo year, seal job)."""

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
    from radio.archive.seals import JOB_ID
    from radio.demo_year import load_archive_year
    from web.archive.cli import init_app as init_cli
    from web.archive.panels import archive_panel

    init_cli(app)
    app.extensions.setdefault("radio.demo_steps", []).append((50, load_archive_year))
    app.extensions.setdefault("radio.dashboard_panels", []).append(archive_panel)
    # Named job with a stable id, in the scheduler's JOBS format (module:function, interval):
    # it seals yesterday's chain heads; running it hourly is harmless (idempotent per day).
    app.extensions.setdefault("radio.jobs", {})[JOB_ID] = {
        "func": "radio.archive.seals:daily_seal_job", "minutes": 60}
