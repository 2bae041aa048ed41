"""The fleet for a provincial dashboard: GET /api/v1/fleet?unit=CODE, the records of
`radio fleet --json` plus each line's last 24 h of contact (288 five-minute buckets)."""

from __future__ import annotations

from flask import g, jsonify, request

from radio import clock
from radio.fleet.fleet_util import BUCKETS_24H, contact_sparkline, fleet, public_record
from web.access import READERS, allow
from web.api.blueprint import ERR, bp, json_answer

_NUM = {"type": ["number", "null"]}
_INT = {"type": ["integer", "null"]}
_STR = {"type": ["string", "null"]}
OPENAPI_SCHEMAS: dict = {
    "FleetRecord": {
        "type": "object",
        "required": ["code", "name", "kind", "station", "unit", "online", "last_seen",
                     "agent_version", "cache_ready", "cache_missing", "clock_offset_s",
                     "free_disk_bytes", "level_db", "silence_s", "volume", "now_playing",
                     "alerts", "contacts_24h"],
        "properties": {
            "code": {"type": "string"}, "name": {"type": "string"},
            "kind": {"type": "string", "enum": ["station", "cluster"]},
            "station": {**_STR, "description": "the station's code, for a cluster"},
            "unit": {**_STR, "description": "code of the unit served today"},
            "unit_name": _STR, "covers": _STR,
            "online": {"type": "boolean", "description": "heard within the last 3 minutes"},
            "last_seen": {**_STR, "format": "date-time"},
            "agent_version": _STR,
            "cache_ready": {"type": ["boolean", "null"]},
            "cache_missing": {"type": "array", "items": {"type": "object"}},
            "clock_offset_s": _NUM, "free_disk_bytes": _INT, "level_db": _NUM,
            "silence_s": _NUM, "volume": _INT, "player_state": _STR, "now_playing": _STR,
            "warnings": {"type": "array", "items": {"type": "string", "enum": [
                "offline", "cache", "clock", "disk", "silence"]}},
            "alerts": {"type": "array", "items": {"type": "object", "properties": {
                "kind": {"type": "string"}, "level": {"type": "string"},
                "message": {"type": "string"},
                "opened_at": {"type": "string", "format": "date-time"}}}},
            "contacts_24h": {"type": "array", "items": {"type": "integer"},
                             "minItems": BUCKETS_24H, "maxItems": BUCKETS_24H,
                             "description": "reports per 5-minute bucket, oldest first"},
        },
    },
}
OPENAPI_PATHS: dict = {
    "/api/v1/fleet": {"get": {
        "summary": "Health of each station and cluster in scope, with open alerts and 24 h of "
                   "contact (admins, editors, approvers, auditors)",
        "operationId": "fleet",
        "parameters": [{"name": "unit", "in": "query", "required": False,
                        "schema": {"type": "string"},
                        "description": "unit code (current edition): its stations and those "
                                       "of its former communes"}],
        "security": [{"bearer": []}],
        "responses": {"200": json_answer({"type": "object", "required": ["stations"],
                                          "properties": {"stations": {"type": "array", "items": {
                                              "$ref": "#/components/schemas/FleetRecord"}}}},
                                         "one record per station and cluster"),
                      "401": ERR, "403": ERR, "404": ERR}}},
}


@bp.get("/fleet")
@allow(READERS)
def fleet_records():
    now = clock.now()
    records = fleet(g.principal, unit=request.args.get("unit") or None, now=now)
    contacts = contact_sparkline({r["station_id"] for r in records}, now)
    return jsonify({"stations": [public_record(r) | {"contacts_24h": contacts[r["station_id"]]}
                                 for r in records]})
