"""Programmes, recurrence, planning, conflicts, playlists and the job scheduler."""


def init_app(app) -> None:
    """Register the scheduling CLI commands (`radio scheduler` among them) and the demo step
    (order 30). `radio serve` runs the scheduler as a child process (web.scheduler_process)."""
    from schedules import cli, demo

    cli.init_app(app)
    app.extensions.setdefault("radio.demo_steps", []).append((30, demo.demo_schedules))
