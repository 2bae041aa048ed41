"""Browse the audit log, newest first, filtered by action or object."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import func, select

from radio.db import db
from radio.models import AuditEntry, Role
from web.access import allow

PAGE = 100


@allow(Role.admin.value, Role.auditor.value)
def index():
    page = max(request.args.get("page", 1, type=int), 1)
    q = select(AuditEntry)
    action = request.args.get("action", "").strip()
    obj = request.args.get("object", "").strip()
    username = request.args.get("user", "").strip()
    if username:
        q = q.where(AuditEntry.username == username)
    if action:
        q = q.where(AuditEntry.action.startswith(action))
    if obj:
        q = q.where(AuditEntry.object_id == obj)
    total = db.session.scalar(select(func.count()).select_from(q.subquery()))
    rows = db.session.scalars(q.order_by(AuditEntry.id.desc()).limit(PAGE).offset((page - 1) * PAGE))
    return render_template("audit/index.html", rows=list(rows), page=page, total=total, per=PAGE,
                           action=action, obj=obj, username=username)
