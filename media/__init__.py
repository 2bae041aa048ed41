"""Ingest pipeline (probe, validate, normalise, render) and the content-addressed store."""


def init_app(app) -> None:
    """Register the media CLI commands and demo step (filled in by the media work)."""
