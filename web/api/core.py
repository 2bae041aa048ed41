"""Core API routes: the OpenAPI document and who-am-I."""

from __future__ import annotations

from flask import g, jsonify

from web.access import PUBLIC, STAFF, STATION, StationPrincipal, allow
from web.api.blueprint import bp

OPENAPI_PATHS = {
    "/api/v1/whoami": {
        "get": {
            "summary": "Who the token or session belongs to",
            "security": [{"bearer": []}, {"tokenQuery": []}],
            "responses": {"200": {"description": "The principal",
                                  "content": {"application/json": {"schema": {"type": "object"}}}},
                          "401": {"$ref": "#/components/responses/Error"}},
        }
    },
}


@bp.get("/openapi.json")
@allow(PUBLIC)
def openapi():
    from web.api.openapi import build_document

    return jsonify(build_document())


@bp.get("/whoami")
@allow(STAFF, STATION)
def whoami():
    p = g.principal
    if isinstance(p, StationPrincipal):
        return jsonify({"kind": "station", "station": p.station.code})
    return jsonify({"kind": "user", "username": p.username, "role": p.role.value})
