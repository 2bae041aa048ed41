"""The OpenAPI 3.1 document, assembled from the OPENAPI_PATHS of each API route module."""

from __future__ import annotations

from flask import current_app

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


def build_document() -> dict:
    import importlib

    paths: dict = {}
    blueprint = importlib.import_module("web.api.blueprint")
    for module in blueprint.ROUTE_MODULES:
        for path, ops in getattr(module, "OPENAPI_PATHS", {}).items():
            paths.setdefault(path, {}).update(ops)
    return {
        "openapi": "3.1.0",
        "info": {"title": "district-radio API", "version": "1.0.0",
                 "description": "Station pull API, as-run reporting and staff media upload."},
        "servers": [{"url": current_app.config.get("APPLICATION_ROOT", "/").rstrip("/") or "/"}],
        "paths": dict(sorted(paths.items())),
        "components": COMPONENTS,
    }
