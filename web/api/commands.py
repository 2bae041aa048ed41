"""Remote commands for station agents: the pending ones ride on `/now` (web.api.stations), and
the agent acknowledges each here: delivered, then done or failed (docs/fleet.md)."""

from __future__ import annotations

from datetime import datetime

from flask import g, jsonify, request
from sqlalchemy import select

from radio import clock
from radio.db import db
from radio.errors import DomainError
from radio.fleet import command_util
from radio.fleet import commands as ops
from radio.i18n import _
from radio.models import CommandStatus, Station, StationCommand
from web.access import STAFF, STATION, allow, api_error
from web.api.blueprint import ERR, STATION_CODE, STATION_SECURITY, bp, json_answer


def now_commands(station: Station, now: datetime) -> list[dict]:
    """The station's pending commands for `/now`; the overdue ones expire first (a write,
    committed only when there is one, so the cheap poll stays a read)."""
    overdue = db.session.scalar(select(StationCommand.id).where(
        StationCommand.station_id == station.id, StationCommand.status == CommandStatus.pending,
        StationCommand.expires_at <= now).limit(1))
    if overdue is not None:
        db.session.commit()  # a fresh transaction for the write (SQLite)
        ops.expire_overdue(station, now)
        db.session.commit()
    rows = ops.pending_for(station, now)
    return command_util.as_dicts(rows, clock.zone(station.timezone))


def _bad(message: str, field: str):
    return api_error(422, "invalid_field", message, field=field)


@bp.post("/stations/<code>/commands/<int:command_id>")
@allow(STATION, STAFF, station_arg="code")
def station_command_ack(code: str, command_id: int):
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _bad(_("Nội dung phải là JSON (Content-Type: application/json)."), "body")
    status = body.get("status")
    if status not in ops.ACKS:
        return _bad(_("status phải là delivered, done hoặc failed."), "status")
    note = body.get("note") or ""
    if not isinstance(note, str) or len(note) > ops.MAX_NOTE:
        return _bad(_("Ghi chú phải là chuỗi tối đa %(n)s ký tự.", n=ops.MAX_NOTE), "note")
    now = clock.now()
    at = now
    if body.get("at") is not None:
        try:
            at = datetime.fromisoformat(str(body["at"]).strip().replace("Z", "+00:00"))
        except ValueError:
            return _bad(_("at phải là thời điểm ISO 8601 có múi giờ."), "at")
        if at.tzinfo is None:
            return _bad(_("at phải là thời điểm ISO 8601 có múi giờ."), "at")
    db.session.commit()  # end the access check's read transaction before writing
    try:
        cmd = ops.acknowledge(g.station, command_id, status, at, note, now)
    except DomainError as exc:
        db.session.rollback()
        status_code = 422 if exc.status == 400 else exc.status
        return api_error(status_code, exc.code, exc.message,
                         **({"field": exc.field} if exc.field else {}))
    db.session.commit()
    return jsonify(command_util.as_dict(cmd, clock.zone(g.station.timezone), full=True))


# -- OpenAPI -----------------------------------------------------------------------------------

COMMAND = {
    "type": "object",
    "required": ["id", "kind", "value", "cluster", "expires_at"],
    "properties": {
        "id": {"type": "integer"},
        "kind": {"enum": ["volume", "stop", "play", "resync", "restart"]},
        "value": {"type": "string",
                  "description": "volume: 0–100; play: a media item id; others empty"},
        "cluster": {"type": ["string", "null"],
                    "description": "A cluster code, or null for the whole station"},
        "expires_at": {"type": "string", "format": "date-time"},
    },
}
_FULL = {
    "type": "object",
    "required": [*COMMAND["required"], "status"],
    "properties": COMMAND["properties"] | {
        "status": {"enum": ["pending", "delivered", "done", "failed", "expired"]},
        "created_at": {"type": "string", "format": "date-time"},
        "delivered_at": {"type": ["string", "null"], "format": "date-time"},
        "finished_at": {"type": ["string", "null"], "format": "date-time"},
        "note": {"type": "string"},
    },
}
OPENAPI_PATHS = {
    "/api/v1/stations/{code}/commands/{command_id}": {
        "post": {
            "summary": "Acknowledge a remote command: delivered, done or failed",
            "operationId": "stationCommandAck",
            "security": STATION_SECURITY,
            "parameters": [STATION_CODE,
                           {"name": "command_id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["status"],
                "properties": {"status": {"enum": ["delivered", "done", "failed"]},
                               "at": {"type": "string", "format": "date-time",
                                      "description": "On the agent's corrected clock"},
                               "note": {"type": "string", "maxLength": ops.MAX_NOTE}}}}}},
            "responses": {
                "200": json_answer(_FULL, "The command as the server now holds it"),
                "401": ERR, "403": ERR,
                "404": ERR, "409": ERR, "422": ERR,
            },
        }
    },
}
