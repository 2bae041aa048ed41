"""Entries: one-off and batch entries, emergencies, validation, station targeting and the calendar."""


def init_app(app) -> None:
    """Register `radio schedule add|list`."""
    from schedules.entries import cli

    cli.init_app(app)
