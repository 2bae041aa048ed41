"""A station's week: its entries day by day, each "chờ duyệt" one marked (it will not air)."""

from __future__ import annotations

from datetime import timedelta

from flask import g, render_template, request

from radio.stations import list_stations
from schedules.entries import calendar
from schedules.entries.approval_state import waiting_by_entry
from web.access import STAFF, allow
from web.args import parse_date
from web.planning.controllers import _common, _today, _tz


@allow(STAFF, station_arg="code")
def week(code: str):
    start = parse_date(request.args.get("start"), "start", default=_today())
    monday = start - timedelta(days=start.weekday())
    days = calendar.week(g.station, monday, _tz())
    waiting = waiting_by_entry(b.entry_id for _d, blocks in days for b in blocks)
    return render_template("planning/week.html", station=g.station, days=days, monday=monday,
                           waiting=waiting, prev_week=monday - timedelta(days=7),
                           next_week=monday + timedelta(days=7), today=_today(),
                           stations=list_stations(visible_to=g.principal), **_common())
