"""Scheduling: the programmes, entries and playlists packages, and what they share (recurrence,
signing, the layer's clock, the job runner and scheduler with its lease)."""


def init_app(app) -> None:
    """Register the scheduling CLI commands (`radio scheduler` among them), each package's own,
    and the layer's demo step (radio.demo.STORY). `radio serve` runs the scheduler as a child process
    (web.scheduler_process)."""
    from schedules import cli, demo, entries, playlists, programmes

    cli.init_app(app)
    entries.init_app(app)
    programmes.init_app(app)
    playlists.init_app(app)
    app.extensions.setdefault("radio.demo_layers", {})["schedules"] = demo.demo_schedules
