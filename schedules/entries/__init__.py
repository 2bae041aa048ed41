"""Entries: one-off and batch entries, emergencies, validation, station targeting and the calendar."""


def init_app(app) -> None:
    """Register `radio schedule add|list` and `radio emergency list|cancel`."""
    from schedules.entries import cli, emergency_cli

    cli.init_app(app)
    emergency_cli.init_app(app)
