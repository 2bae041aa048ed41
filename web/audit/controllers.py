"""Browse the audit log, newest first, in words: dropdown filters for the action, the user and
the object type, and a date range. The CSV export keeps the codes."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from flask import Response, render_template, request
from sqlalchemy import func, select

from radio import clock
from radio.db import db
from radio.models import AuditEntry, Role
from web.access import allow, current_actor
from web.args import parse_date
from web.audit.words import ACTIONS, OBJECTS, action_label, describe, object_label

PAGE = 100
CSV_COLUMNS = ("id", "at_utc", "username", "action", "object_type", "object_id", "summary")


def filtered(args):
    """The audit query for the page's filters (also the CSV export and the API)."""
    q = select(AuditEntry)
    chosen = {k: args.get(k, "").strip() for k in ("action", "object", "user", "type")}
    if chosen["user"]:
        q = q.where(AuditEntry.username == chosen["user"])
    if chosen["action"]:
        q = q.where(AuditEntry.action.startswith(chosen["action"]))
    if chosen["type"]:
        q = q.where(AuditEntry.object_type == chosen["type"])
    if chosen["object"]:
        q = q.where(AuditEntry.object_id == chosen["object"])
    start = parse_date(args.get("from"), "from")
    end = parse_date(args.get("to"), "to")
    if start:
        q = q.where(AuditEntry.at >= clock.local_day_bounds(start)[0])
    if end:
        q = q.where(AuditEntry.at < clock.local_day_bounds(end + timedelta(days=1))[0])
    chosen |= {"from": start.strftime("%d/%m/%Y") if start else "",
               "to": end.strftime("%d/%m/%Y") if end else ""}
    return q, chosen


@allow(Role.admin.value, Role.auditor.value)
def index():
    page = max(request.args.get("page", 1, type=int), 1)
    q, chosen = filtered(request.args)
    total = db.session.scalar(select(func.count()).select_from(q.subquery()))
    rows = list(db.session.scalars(
        q.order_by(AuditEntry.id.desc()).limit(PAGE).offset((page - 1) * PAGE)))
    users = list(db.session.scalars(select(AuditEntry.username).distinct()
                                    .order_by(AuditEntry.username)))
    actor = current_actor()
    actions = sorted(((code, str(label)) for code, label in ACTIONS.items()),
                     key=lambda pair: pair[1])
    types = sorted(((code, str(label)) for code, label in OBJECTS.items()),
                   key=lambda pair: pair[1])
    query = {k: v for k, v in chosen.items() if v}
    return render_template(
        "audit/index.html", rows=rows, page=page, total=total, per=PAGE, chosen=chosen,
        query=query, users=users, actions=actions, types=types, action_label=action_label,
        object_label=object_label,
        shown=describe(rows, admin=actor is not None and actor.role == Role.admin))


@allow(Role.admin.value, Role.auditor.value)
def export_csv():
    """The filtered rows with their codes, for a spreadsheet or a script."""
    q, _chosen = filtered(request.args)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for r in db.session.scalars(q.order_by(AuditEntry.id)):
        writer.writerow([r.id, r.at.isoformat(), r.username, r.action, r.object_type,
                         r.object_id, r.summary])
    resp = Response("\ufeff" + buf.getvalue(), mimetype="text/csv")
    resp.headers["Content-Disposition"] = 'attachment; filename="nhatky_thaydoi.csv"'
    return resp
