"""The station agent: pulls playlists and media, plays on time, journals and reports as-run.

A client program for the station's playout PC. It talks to the server only over HTTP and
imports nothing from the server's layers (web, schedules, media), so it can ship on its own.
"""

VERSION = "1.0.0"


def init_app(app) -> None:
    """Add `radio station-agent` to the server's CLI (the agent itself never imports Flask)."""
    from radio.agent.cli import station_agent

    app.cli.add_command(station_agent)
