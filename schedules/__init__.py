"""Programmes, recurrence, planning, conflicts, playlists and the job scheduler."""


def init_app(app) -> None:
    """Register the scheduling CLI commands, demo step and jobs (filled in by the scheduling work)."""
