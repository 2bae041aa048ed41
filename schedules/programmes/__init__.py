"""Programmes: their recurrence rule, occurrences, rundowns, rendering and materialisation."""


def init_app(app) -> None:
    """Register `radio schedule materialise`."""
    from schedules.programmes import cli

    cli.init_app(app)
