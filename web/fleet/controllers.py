"""The fleet page: the records of radio/fleet/fleet_util.py for the principal's scope, filtered
by a unit in scope, with the sparklines."""

from __future__ import annotations

from datetime import datetime

from flask import g, render_template, request

from radio import clock
from radio.db import db
from radio.fleet.fleet_util import CLOCK_WARN_S, DISK_WARN_BYTES, contact_sparkline, fleet
from radio.i18n import _
from radio.models import AdminUnit, Role
from radio.scopes import visible_station_ids
from radio.units.queries import sort_key, units_by_station_on
from web.access import READERS, allow
from web.fleet.sparkline import contact_svg

CAN_SEND = (Role.admin.value, Role.editor.value)


def _units_in_scope(user, day) -> list[AdminUnit]:
    """The units served today by the stations in scope, and the units above them."""
    visible = visible_station_ids(user)
    units = {u.id: u for sid, u in units_by_station_on(day).items()
             if visible is None or sid in visible}
    todo = {u.parent_id for u in units.values() if u.parent_id}
    while todo:
        parents = [p for p in (db.session.get(AdminUnit, pid) for pid in todo) if p]
        todo = set()
        for p in parents:
            if p.id not in units and (p.valid_to is None or p.valid_to >= day):
                units[p.id] = p
                if p.parent_id:
                    todo.add(p.parent_id)
    return sorted(units.values(), key=sort_key)


@allow(READERS, Role.operator.value)
def index():
    now = clock.now()
    day = now.astimezone(clock.zone()).date()
    user = g.principal
    unit = request.args.get("unit") or None
    records = fleet(user, unit=unit, now=now)
    for r in records:
        r["seen_at"] = datetime.fromisoformat(r["last_seen"]) if r["last_seen"] else None
    contacts = contact_sparkline({r["station_id"] for r in records}, now)
    sparks = {sid: contact_svg(b, _("%(n)s/288 khoảng 5 phút có liên lạc trong 24 giờ qua",
                                    n=sum(1 for c in b if c)))
              for sid, b in contacts.items()}
    return render_template("fleet/index.html", records=records, sparks=sparks, unit=unit,
                           units=_units_in_scope(user, day), now=now,
                           can_send=user.role.value in CAN_SEND,
                           clock_warn_s=CLOCK_WARN_S, disk_warn_bytes=DISK_WARN_BYTES)
