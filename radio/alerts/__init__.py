"""Fleet alerts: the rules (`rules.py`), open/de-duplicate/escalate/close (`operations.py`),
delivery by e-mail and webhook (`delivery.py`), reads (`util.py`), `radio alerts` (`cli.py`)
and the `alerts_check` job (`jobs.py`)."""


def init_app(app) -> None:
    from radio.alerts.cli import alerts_cli
    from radio.alerts.jobs import JOB_ID

    app.cli.add_command(alerts_cli)
    app.extensions.setdefault("radio.jobs", {})[JOB_ID] = {
        "func": "radio.alerts.jobs:alerts_check_job", "minutes": 1}
