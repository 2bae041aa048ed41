"""Operator pages (a station's schedule, playlists, token setup, manual as-run) and the
editors' reconciliation pages (network day grid, per-station compliance)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import flash, g, redirect, render_template, request, url_for
from markupsafe import Markup

from radio import clock
from radio.asrun import operations as asrun
from radio.asrun import reconcile
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.stations import list_stations
from schedules.playlists.util import playlist_for
from web.access import EDITORS, READERS, STAFF, allow, current_actor
from web.args import AIRED_TIME, PAGE_DATE, parse_date, parse_time, period_arg


def _tz() -> ZoneInfo:
    return clock.zone()


def _day(value: str | None) -> date:
    return parse_date(value, None, default=clock.today(_tz()),
                      message=PAGE_DATE)


@allow(STAFF)
def index():
    stations = list_stations(on=clock.today(_tz()), visible_to=g.principal)
    if len(stations) == 1:
        return redirect(url_for("operator.station", code=stations[0].code))
    return render_template("operator/index.html", stations=stations)


@allow(STAFF, station_arg="code")
def station(code: str):
    station = g.station
    today = clock.today(_tz())
    day = _day(request.args.get("date"))
    week = [playlist_for(station.code, today + timedelta(days=n)) for n in range(7)]
    current = playlist_for(station.code, day) if day not in [p.day for p in week] else \
        next(p for p in week if p.day == day)
    [sd] = reconcile.station_days(day, [station])
    states = {(row.entry.id, row.airing.seq if row.airing else 0): row.state for row in sd.rows}
    beat = reconcile.latest_heartbeat(station)
    return render_template(
        "operator/station.html", station=station, day=day, today=today, playlist=current,
        week=week, states=states, station_day=sd, heartbeat=beat,
        silent=reconcile.is_silent(sd.last_heartbeat), server=request.host_url.rstrip("/"),
        can_record=g.principal.role.value in ("admin", "editor", "operator"))


@allow(EDITORS, "operator", station_arg="code")
def record_manual(code: str):
    station = g.station
    form = request.form
    day = _day(form.get("date"))
    started = datetime.combine(day, parse_time(form.get("time"), "time", message=AIRED_TIME),
                               tzinfo=_tz())
    minutes = form.get("minutes", type=float) or 0
    airing_id = form.get("airing_id", type=int)
    event = {"id": form.get("event_id") or None, "airing_id": airing_id,
             "status": form.get("status", "aired"), "started_at": started.isoformat(),
             "ended_at": (started + timedelta(minutes=minutes)).isoformat() if minutes else None,
             "note": (form.get("note") or "").strip()}
    event["id"] = event["id"] or str(uuid.uuid4())
    result = asrun.ingest(station, [event], actor=current_actor(), manual=True)
    if result.rejected:
        raise DomainError(result.rejected[0].reason, result.rejected[0].code, field="time")
    db.session.commit()
    flash(_("Đã ghi nhật ký phát thủ công.") if result.new else
          _("Sự kiện này đã được ghi trước đó."), "info")
    return redirect(url_for("operator.station", code=station.code, date=day.isoformat()))


@allow(READERS)
def reconcile_day():
    day = _day(request.args.get("date"))
    days = reconcile.station_days(day, list_stations(on=day, visible_to=g.principal))
    return render_template("operator/reconcile.html", day=day, days=days,
                           grace=int(reconcile.grace_period().total_seconds() // 60),
                           silent_hours=int(reconcile.SILENT_AFTER.total_seconds() // 3600),
                           prev_day=day - timedelta(days=1), next_day=day + timedelta(days=1),
                           now=clock.now())


@allow(READERS)
def compliance():
    period = period_arg(request.args) if request.args.get("period") else None
    if period is None:
        today = clock.today(_tz())
        start = _day(request.args.get("from")) if request.args.get("from") else today - timedelta(days=27)
        end = _day(request.args.get("to")) if request.args.get("to") else today
        label = f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
    else:
        start, end, label = period.start, period.end, period.label
    if end < start:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), "invalid_dates")
    rows = reconcile.compliance(start, end, list_stations(visible_to=g.principal))
    totals = {k: sum(getattr(r, k) for r in rows)
              for k in ("scheduled", "aired", "partial", "missed", "manual", "emergency_sent",
                        "emergency_aired", "emergency_missed")}
    return render_template("operator/compliance.html", rows=rows, start=start, end=end,
                           label=label, totals=totals)


def dashboard_panel():
    """A small panel on the network dashboard: today's reconciliation at a glance."""
    principal = g.get("principal")
    if principal is None or principal.role.value not in ("admin", "editor", "auditor"):
        return Markup("")
    day = clock.today(_tz())
    days = reconcile.station_days(day, list_stations(on=day, visible_to=principal))
    totals = {s: sum(sd.count(s) for sd in days) for s in reconcile.STATES}
    return Markup(render_template("operator/_panel.html", totals=totals, day=day))
