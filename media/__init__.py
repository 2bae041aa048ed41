"""Ingest pipeline (probe, validate, normalise, render) and the content-addressed store."""


def init_app(app) -> None:
    """Configure the ffmpeg adapter; register the media CLI commands and the demo steps (orders
    20 and 45)."""
    from media import _ffmpeg, cli, demo_library

    _ffmpeg.configure(app.config["RADIO_SETTINGS"].ffmpeg)
    cli.init_app(app)
    app.extensions.setdefault("radio.demo_steps", []).append((20, demo_library.demo_library))
    app.extensions["radio.demo_steps"].append((45, demo_library.demo_fallback_items))
