"""The audit log for scripts: the rows with their codes (action, object type and id)."""

from __future__ import annotations

from flask import jsonify, request
from sqlalchemy import func, select

from radio.db import db
from radio.models import AuditEntry, Role
from web.access import allow
from web.api.blueprint import ERR, bp
from web.audit.controllers import filtered

LIMIT = 500
_QUERY = [{"name": n, "in": "query", "required": False, "schema": {"type": "string"},
           "description": d} for n, d in (
    ("action", "action code or its prefix (schedule., media.update)"),
    ("type", "object type (station, media_item, schedule_entry, …)"),
    ("user", "username"), ("object", "object id"),
    ("from", "first local day, yyyy-mm-dd or dd/mm/yyyy"),
    ("to", "last local day, yyyy-mm-dd or dd/mm/yyyy"))] + [
    {"name": "limit", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": LIMIT, "default": 100}},
    {"name": "before_id", "in": "query", "required": False, "schema": {"type": "integer"},
     "description": "rows older than this id (paging, newest first)"}]
OPENAPI_PATHS: dict = {
    "/api/v1/audit": {"get": {
        "summary": "Audit rows, newest first, with their codes (admins and auditors)",
        "parameters": _QUERY, "security": [{"bearer": []}],
        "responses": {"200": {"description": "total and rows",
                              "content": {"application/json": {"schema": {"type": "object"}}}},
                      "400": ERR, "401": ERR, "403": ERR}}},
}


@bp.get("/audit")
@allow(Role.admin.value, Role.auditor.value)
def audit_log():
    q, _chosen = filtered(request.args)
    total = db.session.scalar(select(func.count()).select_from(q.subquery()))
    limit = min(max(request.args.get("limit", 100, type=int) or 100, 1), LIMIT)
    before = request.args.get("before_id", type=int)
    if before:
        q = q.where(AuditEntry.id < before)
    rows = db.session.scalars(q.order_by(AuditEntry.id.desc()).limit(limit))
    return jsonify({"total": total, "rows": [
        {"id": r.id, "at": r.at.isoformat(), "username": r.username, "action": r.action,
         "object_type": r.object_type, "object_id": r.object_id, "summary": r.summary,
         "before": r.before, "after": r.after} for r in rows]})
