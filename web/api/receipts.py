"""Emergency receipts from station agents: received, started, finished (docs/fleet.md)."""

from __future__ import annotations

from datetime import UTC

from flask import g, jsonify, request

from radio import clock
from radio.db import db
from radio.errors import DomainError
from radio.fleet import receipt_util, receipts
from radio.i18n import _
from web.access import STAFF, STATION, allow
from web.api.blueprint import ERR, STATION_CODE, STATION_SECURITY, bp, json_answer


def _iso(value) -> str | None:
    """UTC, as stored (a value read back from SQLite is naive UTC)."""
    if value is None:
        return None
    return (value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


@bp.post("/stations/<code>/receipts")
@allow(STATION, STAFF, station_arg="code")
def station_receipt(code: str):
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise receipts.BadReceipt(_("Nội dung phải là JSON (Content-Type: application/json)."),
                                  "invalid_json")
    fields = receipts.parse_body(body)
    # End the read transaction the access check opened, so the write starts a fresh one.
    db.session.commit()
    station = g.station
    try:
        before = {(r.cluster_code): getattr(r, receipts.STEPS[fields["status"]])
                  for r in receipt_util.existing(station, fields["entry_id"])}
        rows = receipts.record_receipt(station, now=clock.now(), **fields)
    except DomainError:
        db.session.rollback()
        raise
    changed = any(before.get(r.cluster_code) is None for r in rows)
    answer = {"entry_id": fields["entry_id"], "status": fields["status"], "changed": changed,
              "receipts": [{"cluster": r.cluster_code or None,
                            "received_at": _iso(r.received_at), "started_at": _iso(r.started_at),
                            "finished_at": _iso(r.finished_at)} for r in rows]}
    db.session.commit()
    return jsonify(answer), 200


# -- OpenAPI -----------------------------------------------------------------------------------

_RECEIPT = {
    "type": "object", "required": ["cluster", "received_at", "started_at", "finished_at"],
    "properties": {"cluster": {"type": ["string", "null"],
                               "description": "Cluster code; null: the whole station"},
                   "received_at": {"type": ["string", "null"], "format": "date-time"},
                   "started_at": {"type": ["string", "null"], "format": "date-time"},
                   "finished_at": {"type": ["string", "null"], "format": "date-time"}},
}

OPENAPI_PATHS = {
    "/api/v1/stations/{code}/receipts": {
        "post": {
            "summary": "An emergency was received, started or finished at the station",
            "description": "Each step is kept once per station and cluster: the first report "
                           "wins, a repeat is answered 200 with changed=false and stores "
                           "nothing, so an agent may resend after a timeout.",
            "operationId": "stationReceipt",
            "security": STATION_SECURITY,
            "parameters": [STATION_CODE],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["entry_id", "status", "at"],
                "properties": {
                    "entry_id": {"type": "integer", "minimum": 1,
                                 "description": "The emergency entry of this station"},
                    "status": {"enum": list(receipts.STEPS)},
                    "at": {"type": "string", "format": "date-time",
                           "description": "Agent time (clock corrected), with an offset"},
                    "clusters": {"type": "array", "maxItems": receipts.MAX_CLUSTERS,
                                 "items": {"type": "string"},
                                 "description": "Cluster codes; empty or absent: the whole "
                                                "station"}},
            }}}},
            "responses": {
                "200": json_answer({"type": "object",
                                    "required": ["entry_id", "status", "changed", "receipts"],
                                    "properties": {"entry_id": {"type": "integer"},
                                                   "status": {"enum": list(receipts.STEPS)},
                                                   "changed": {"type": "boolean"},
                                                   "receipts": {"type": "array",
                                                                "items": _RECEIPT}}},
                                   "The receipts as stored"),
                "400": ERR, "401": ERR, "403": ERR,
                "404": ERR, "422": ERR,
            },
        }
    },
}
