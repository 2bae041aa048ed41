"""The /api/v1 blueprint and the OpenAPI pieces that every route module shares.

A leaf: it imports no route module. Each route module adds its rules to `bp` and declares,
beside its views, OPENAPI_PATHS (and OPENAPI_SCHEMAS for named schemas); web.api.openapi
imports the route modules and assembles /api/v1/openapi.json from them.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

ERR = {"$ref": "#/components/responses/Error"}
"""The shared error answer, for any 4xx status."""

STATION_SECURITY = [{"bearer": []}, {"tokenQuery": []}]
"""A station token in the header or in ?token=, or a staff token."""

STATION_CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"},
                "description": "Station code, e.g. gio-an"}


def json_answer(schema: dict, description: str) -> dict:
    """A response object with one application/json body."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}
