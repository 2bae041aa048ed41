"""Core API route: who the token or session belongs to."""

from __future__ import annotations

from flask import g, jsonify

from web.access import STAFF, STATION, StationPrincipal, allow
from web.api.blueprint import ERR, STATION_SECURITY, bp

OPENAPI_PATHS = {
    "/api/v1/whoami": {
        "get": {
            "summary": "Who the token or session belongs to",
            "security": STATION_SECURITY,
            "responses": {"200": {"description": "The principal",
                                  "content": {"application/json": {"schema": {"type": "object"}}}},
                          "401": ERR},
        }
    },
}


@bp.get("/whoami")
@allow(STAFF, STATION)
def whoami():
    p = g.principal
    if isinstance(p, StationPrincipal):
        return jsonify({"kind": "station", "station": p.station.code})
    return jsonify({"kind": "user", "username": p.username, "role": p.role.value})
