"""The dashboard's approval panel: what waits for an approver and for how long, and the entries
of the next 48 hours that will not air because their material is not approved. Shown to
editors, approvers and admins, each within their scope (radio.scopes). The rule of what awaits
approval is schedules.entries.approval_state, the same one the playlists use."""

from __future__ import annotations

from datetime import timedelta

from flask import g, render_template

from radio import clock, scopes
from radio.models import MediaItem, Role
from schedules.entries.approval_state import upcoming_not_airing, waiting_material
from schedules.entries.util import entry_title

AHEAD = timedelta(hours=48)
ROLES = (Role.admin, Role.editor, Role.approver)


def _label(obj) -> str:
    if isinstance(obj, MediaItem):
        return obj.title
    return f"{obj.programme.name} {obj.recurrence_date:%d/%m/%Y}"


def approvals_panel() -> str:
    user = g.get("principal")
    if user is None or getattr(user, "role", None) not in ROLES:
        return ""
    now = clock.now()
    waiting = [{"obj": o, "label": _label(o), "is_media": isinstance(o, MediaItem),
                "wait_s": (now - o.submitted_at).total_seconds() if o.submitted_at else None}
               for o in waiting_material(user)]
    upcoming = [{"entry": e, "title": entry_title(e), "why": w}
                for e, w in upcoming_not_airing(scopes.visible_station_ids(user), now,
                                                now + AHEAD)]
    return render_template("planning/_approvals_panel.html", waiting=waiting, upcoming=upcoming,
                           hours=int(AHEAD.total_seconds() // 3600))
