"""API routes of the archive work (filled in by that work)."""

from web.api.blueprint import bp  # noqa: F401

OPENAPI_PATHS: dict = {}
