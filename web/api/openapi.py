"""The API as registered by the app: every route module, and the OpenAPI 3.1 document that is
assembled from the OPENAPI_PATHS and OPENAPI_SCHEMAS each of them declares beside its views.

Refresh the exported copy with `python -m web.api.openapi > docs/openapi.json`.
"""

from __future__ import annotations

import copy
import json

from flask import Flask, current_app, jsonify

from web.access import PUBLIC, allow
from web.api import (
    archive,
    asrun,
    audit,
    commands,
    core,
    entries,
    fleet,
    media,
    receipts,
    schedules,
    stations,
)
from web.api.blueprint import bp

__all__ = ["bp", "build_document", "csrf_exempt", "export"]

# Token-authenticated; session-authenticated writes are CSRF-checked in web.access.
csrf_exempt = True

ROUTE_MODULES = [core, media, schedules, entries, stations, asrun, commands, receipts, archive,
                 audit, fleet]

COMPONENTS = {
    "securitySchemes": {
        "bearer": {"type": "http", "scheme": "bearer",
                   "description": "Station token or staff API token"},
        "tokenQuery": {"type": "apiKey", "in": "query", "name": "token",
                       "description": "Station token in the URL, for devices that only take a URL"},
    },
    "schemas": {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["code", "message"],
                                     "properties": {"code": {"type": "string"},
                                                    "message": {"type": "string"}}}},
        }
    },
    "responses": {
        "Error": {"description": "An error",
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
}

OPENAPI_PATHS = {
    "/api/v1/openapi.json": {
        "get": {
            "summary": "This OpenAPI 3.1 document",
            "operationId": "openapi",
            "security": [],
            "responses": {"200": {"description": "The document",
                                  "content": {"application/json": {"schema": {"type": "object"}}}}},
        }
    }
}


@bp.get("/openapi.json")
@allow(PUBLIC)
def openapi():
    return jsonify(build_document())


def build_document() -> dict:
    paths: dict = {path: dict(ops) for path, ops in OPENAPI_PATHS.items()}
    components = copy.deepcopy(COMPONENTS)
    for module in ROUTE_MODULES:
        for path, ops in getattr(module, "OPENAPI_PATHS", {}).items():
            paths.setdefault(path, {}).update(ops)
        # Named schemas, referenced as #/components/schemas/NAME.
        for name, schema in getattr(module, "OPENAPI_SCHEMAS", {}).items():
            components["schemas"].setdefault(name, schema)
    return {
        "openapi": "3.1.0",
        "info": {"title": "district-radio API", "version": "1.0.0",
                 "description": "Station pull API, as-run reporting and staff media upload."},
        "servers": [{"url": current_app.config.get("APPLICATION_ROOT", "/").rstrip("/") or "/"}],
        "paths": dict(sorted(paths.items())),
        "components": components,
    }


def export() -> str:
    """The document as JSON text, for docs/openapi.json (served at the root path, as by default)."""
    with Flask(__name__).test_request_context("/"):
        return json.dumps(build_document(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    print(export(), end="")
