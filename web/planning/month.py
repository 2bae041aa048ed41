"""The month calendar: counts per day with colours by status, for the network or a station."""

from __future__ import annotations

from datetime import date

from flask import current_app, g, render_template, request

from radio import clock, scopes
from radio.errors import DomainError
from radio.i18n import _
from schedules.entries.month import month_counts, weeks
from web.access import READERS, STAFF, allow


def _month_arg() -> date:
    raw = (request.args.get("month") or "").strip()
    if not raw:
        return clock.today().replace(day=1)
    try:
        first = date.fromisoformat(f"{raw}-01") if len(raw) == 7 else None
    except ValueError:
        first = None
    if first is None:
        try:
            month, year = raw.split("/")
            first = date(int(year), int(month), 1)
        except ValueError:
            raise DomainError(_("Tháng “%(v)s” không hợp lệ: nhập theo dạng mm/yyyy.", v=raw),
                              "invalid_month", field="month") from None
    return first


def _page(first: date, station=None):
    tz = current_app.config["RADIO_SETTINGS"].tz
    # The network's month counts only the stations of the user's scope (all when unscoped).
    ids = [station.id] if station else scopes.visible_station_ids(g.principal)
    days = month_counts(first, tz, ids)
    prev = (first.replace(day=1) - date.resolution).replace(day=1)
    nxt = (first.replace(day=28) + 4 * date.resolution).replace(day=1)
    return render_template("planning/month.html", first=first, station=station,
                           weeks=weeks(days), today=clock.today(), prev=prev, next=nxt,
                           scope=None if ids is None or station else
                           scopes.scope_label(g.principal),
                           total=sum(d.planned for d in days),
                           weekday_short=[_("T2"), _("T3"), _("T4"), _("T5"), _("T6"), _("T7"),
                                          _("CN")])


@allow(READERS)
def network_month():
    return _page(_month_arg())


@allow(STAFF, station_arg="code")
def station_month(code: str):
    return _page(_month_arg(), g.station)
