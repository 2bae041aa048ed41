"""Playlists: the pure day builder (builder.py), its output formats (formats.py), and the database
read that feeds it (util.py). Import from those modules directly."""


def init_app(app) -> None:
    """Register `radio playlist`."""
    from schedules.playlists import cli

    cli.init_app(app)
