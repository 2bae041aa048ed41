"""The archive of verification evidence: chain checks, daily seals, reads, reports, periods,
attachments, the retention rules, the export package and the demo year."""


def init_app(app) -> None:
    from radio.archive.cli import archive_cli, report_command
    from radio.archive.demo import load_archive_years
    from radio.archive.seals import JOB_ID

    app.cli.add_command(archive_cli)
    app.cli.add_command(report_command)
    app.extensions.setdefault("radio.demo_layers", {})["years"] = load_archive_years
    # Named job with a stable id, in the scheduler's JOBS format (module:function, interval):
    # it seals yesterday's chain heads; running it hourly is harmless (idempotent per day).
    app.extensions.setdefault("radio.jobs", {})[JOB_ID] = {
        "func": "radio.archive.seals:daily_seal_job", "minutes": 60}
