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


SELF = {
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


def build_document() -> dict:
    import importlib

    paths: dict = {path: dict(ops) for path, ops in SELF.items()}
    blueprint = importlib.import_module("web.api.blueprint")
    for module in blueprint.ROUTE_MODULES:
        for path, ops in getattr(module, "OPENAPI_PATHS", {}).items():
            paths.setdefault(path, {}).update(ops)
        # Route modules may also contribute named schemas (referenced as
        # #/components/schemas/NAME).
        for name, schema in getattr(module, "OPENAPI_SCHEMAS", {}).items():
            COMPONENTS["schemas"].setdefault(name, schema)
    return {
        "openapi": "3.1.0",
        "info": {"title": "district-radio API", "version": "1.0.0",
                 "description": "Station pull API, as-run reporting and staff media upload."},
        "servers": [{"url": current_app.config.get("APPLICATION_ROOT", "/").rstrip("/") or "/"}],
        "paths": dict(sorted(paths.items())),
        "components": COMPONENTS,
    }


def export() -> str:
    """The document as JSON text, for docs/openapi.json."""
    import json

    from web import create_app

    app = create_app({"database_url": "sqlite://", "secret_key": "export"})
    with app.test_request_context("/"):
        return json.dumps(build_document(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    # Use the imported module, not __main__: route modules register schemas into its COMPONENTS.
    from web.api.openapi import export as export_document

    print(export_document(), end="")
