"""Ingest pipeline (probe, validate, normalise, render) and the content-addressed store."""


def init_app(app) -> None:
    """Configure the ffmpeg adapter; register the media CLI commands and the layer's demo step
    (radio.demo.STORY)."""
    from media import _ffmpeg, cli, demo_library
    from media.bulletins import cli as bulletin_cli
    from media.speech import cli as speech_cli

    _ffmpeg.configure(app.config["RADIO_SETTINGS"].ffmpeg)
    cli.init_app(app)
    speech_cli.init_app(app)
    bulletin_cli.init_app(app)
    app.extensions.setdefault("radio.demo_layers", {})["media"] = demo_library.load_demo
