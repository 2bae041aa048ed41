"""The network as a hierarchy on a day: province → communes → stations → clusters, with counts;
the whole page and the dashboard's panel."""

from __future__ import annotations

from datetime import timedelta

from flask import g, render_template

from radio.models import Role
from radio.units import tree
from web.access import READERS, allow
from web.network.common import can_see, labels, on_arg


@allow(READERS)
def index():
    day = on_arg()
    return render_template("network/index.html", day=day, tree=tree.hierarchy(day, can_see),
                           prev_day=day - timedelta(days=1), next_day=day + timedelta(days=1),
                           **labels())


def dashboard_panel() -> str:
    """The hierarchy in brief for the dashboard (on ?on= or today); nothing while no station
    serves a unit yet."""
    day = on_arg()
    shown = tree.hierarchy(day, can_see)
    if not shown.roots:
        return ""
    role = g.principal.role.value if isinstance(g.principal.role, Role) else g.principal.role
    return render_template("network/_panel.html", day=day, tree=shown,
                           linked=role in READERS, **labels())
