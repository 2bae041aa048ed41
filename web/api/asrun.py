"""Station reporting API: idempotent as-run batches and agent heartbeats."""

from __future__ import annotations

from flask import g, jsonify, request

from radio import clock
from radio.asrun import operations as asrun
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from web.access import STAFF, STATION, StationPrincipal, allow, api_error
from web.api.blueprint import ERR, STATION_CODE, STATION_SECURITY, bp, json_answer


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise DomainError(_("Nội dung phải là JSON (Content-Type: application/json)."),
                          "invalid_json")
    return body


def _start_write() -> None:
    # End the read transaction the access check opened, so that the write that follows starts
    # a fresh one (SQLite cannot upgrade a stale read snapshot to a writer).
    db.session.commit()


@bp.post("/stations/<code>/asrun")
@allow(STATION, STAFF, station_arg="code")
def station_asrun(code: str):
    body = _json_body()
    events = body.get("events")
    if not isinstance(events, list) or not events:
        raise DomainError(_("Cần danh sách “events” không rỗng."), "invalid_batch", field="events")
    _start_write()
    actor = None if isinstance(g.principal, StationPrincipal) else g.principal
    result = asrun.ingest(g.station, events, actor=actor)
    db.session.commit()
    answer = result.as_dict()
    if not result.new and not result.known:
        return api_error(422, "all_rejected", _("Không sự kiện nào hợp lệ."),
                         **{k: v for k, v in answer.items() if k != "partial"})
    return jsonify(answer), 200


@bp.post("/stations/<code>/heartbeat")
@allow(STATION, STAFF, station_arg="code")
def station_heartbeat(code: str):
    body = _json_body()
    _start_write()
    beat = asrun.record_heartbeat(g.station, body)
    db.session.commit()
    return jsonify({"received_at": beat.received_at.isoformat(),
                    "server_time": clock.now().isoformat()})


# -- OpenAPI -----------------------------------------------------------------------------------

_ASRUN_EVENT = {
    "type": "object",
    "required": ["id", "status", "started_at"],
    "properties": {
        "id": {"type": "string", "format": "uuid",
               "description": "Chosen by the station; makes the upload idempotent"},
        "entry_id": {"type": ["integer", "null"]},
        "airing_id": {"type": ["integer", "null"],
                      "description": "The airing (one dated repetition of the entry) aired; "
                                     "without it the airing of entry_id nearest started_at"},
        "media_sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
        "started_at": {"type": "string", "format": "date-time",
                       "description": "ISO 8601 with an offset"},
        "ended_at": {"type": ["string", "null"], "format": "date-time"},
        "status": {"enum": ["aired", "partial", "skipped", "failed"]},
        "note": {"type": "string", "maxLength": asrun.MAX_NOTE},
    },
}
_REJECTED = {"type": "array", "items": {
    "type": "object", "required": ["index", "code", "reason"],
    "properties": {"index": {"type": "integer"}, "id": {"type": ["string", "null"]},
                   "code": {"type": "string"}, "reason": {"type": "string"}}}}
_ASRUN_ANSWER = {
    "type": "object", "required": ["accepted", "already_known", "rejected", "partial"],
    "properties": {"accepted": {"type": "integer", "description": "New events stored"},
                   "already_known": {"type": "integer"}, "rejected": _REJECTED,
                   "partial": {"type": "boolean",
                               "description": "Some events were stored and some rejected"}},
}

OPENAPI_PATHS = {
    "/api/v1/stations/{code}/asrun": {
        "post": {
            "summary": "Report what aired: an idempotent batch of as-run events",
            "description": "Events are stored once by their id, however often and late they "
                           "arrive. Invalid events are rejected with their index and reason; "
                           "the valid ones in the same batch are stored.",
            "operationId": "stationAsRun",
            "security": STATION_SECURITY,
            "parameters": [STATION_CODE],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["events"],
                "properties": {"events": {"type": "array", "minItems": 1,
                                          "maxItems": asrun.MAX_BATCH, "items": _ASRUN_EVENT}},
            }}}},
            "responses": {
                "200": json_answer(_ASRUN_ANSWER, "Counts of new and known events, and rejections"),
                "400": ERR, "401": ERR, "403": ERR, "404": ERR,
                "422": json_answer({"type": "object", "required": ["error"], "properties": {
                    "error": {"type": "object", "properties": {
                        "code": {"type": "string"}, "message": {"type": "string"},
                        "rejected": _REJECTED}}}}, "Every event was rejected"),
            },
        }
    },
    "/api/v1/stations/{code}/heartbeat": {
        "post": {
            "summary": "The station agent is alive: version, cache, free disk, now playing",
            "operationId": "stationHeartbeat",
            "security": STATION_SECURITY,
            "parameters": [STATION_CODE],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object",
                "properties": {"agent_version": {"type": "string"},
                               "free_disk_bytes": {"type": "integer", "minimum": 0},
                               "now_playing": {"type": "string"},
                               "cache": {"type": "object"}},
            }}}},
            "responses": {
                "200": json_answer({"type": "object", "required": ["received_at", "server_time"],
                              "properties": {"received_at": {"type": "string"},
                                             "server_time": {"type": "string"}}}, "Stored"),
                "400": ERR, "401": ERR, "403": ERR, "404": ERR,
            },
        }
    },
}
