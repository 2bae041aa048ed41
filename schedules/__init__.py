"""Programmes, recurrence, planning, conflicts, playlists and the job scheduler."""


def init_app(app) -> None:
    """Register the scheduling CLI commands, the demo step (order 30) and the job scheduler."""
    from schedules import cli, demo, scheduler

    cli.init_app(app)
    app.extensions.setdefault("radio.demo_steps", []).append((30, demo.demo_schedules))
    app.extensions.setdefault("radio.serve_hooks", []).append(scheduler.serve_hook)
