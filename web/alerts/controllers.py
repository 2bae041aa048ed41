"""Alerts pages: open and recent alerts in the user's scope, the thresholds per unit (admins,
audited) and each user's subscriptions by unit (audited). One commit per request; a
DomainError is shown on the same page and writes nothing."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from radio import clock, scopes
from radio.alerts import operations, util
from radio.alerts.rules import DEFAULTS, station_unit_id
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _, _l
from radio.models import AdminUnit, AlertKind, AlertSubscription, Station
from radio.stations import list_stations
from web.access import ADMIN, STAFF, allow, current_actor

KIND_LABELS = {
    AlertKind.station_silent: _l("Trạm mất liên lạc trong khung giờ phát (phút)"),
    AlertKind.dead_air: _l("Im lặng khi đang phát (giây)"),
    AlertKind.emergency_not_started: _l("Tin khẩn cấp chưa phát (giây)"),
    AlertKind.cache_not_ready: _l("Chưa tải đủ âm thanh ngày mai (phút sau 0 giờ; 1200 = 20:00)"),
    AlertKind.low_disk: _l("Ổ đĩa còn ít (byte)"),
    AlertKind.clock_off: _l("Đồng hồ lệch (giây)"),
    AlertKind.entry_missed: _l("Mục không phát (phút sau giờ kết thúc)"),
}


def _units_for(user) -> list[AdminUnit]:
    """The units of the stations the user sees (what a subscription may name)."""
    day = clock.today()
    ids = {station_unit_id(s, day) for s in list_stations(visible_to=user)} - {None}
    return sorted((db.session.get(AdminUnit, i) for i in ids), key=lambda u: u.name)


@allow(STAFF)
def index():
    user = current_actor()
    state = request.args.get("state", "")
    unit_id = request.args.get("unit", type=int)
    alerts = util.list_alerts(user, open_only=state == "open", closed_only=state == "closed",
                              unit_id=unit_id)
    names = {s.id: s for s in db.session.query(Station).filter(
        Station.id.in_({a.station_id for a in alerts if a.station_id}))}
    return render_template("alerts/index.html", alerts=alerts, stations=names, state=state,
                           unit_id=unit_id, units=_units_for(user), kinds=KIND_LABELS)


@allow(ADMIN)
def rules():
    error = None
    form = request.form
    if request.method == "POST":
        try:
            try:
                threshold = float(form.get("threshold", "").replace(",", "."))
                escalate = int(form.get("escalate") or 0)
            except ValueError:
                raise DomainError(_("Ngưỡng và số phút phải là số."), "invalid_field",
                                  field="threshold") from None
            operations.set_rule(current_actor(), form.get("kind", ""), threshold=threshold,
                                unit_code=form.get("unit", "").strip() or None,
                                escalate_minutes=escalate, enabled=bool(form.get("enabled")),
                                now=clock.now())
            db.session.commit()
            flash(_("Đã lưu ngưỡng cảnh báo."), "success")
            return redirect(url_for("alerts.rules"))
        except DomainError as exc:
            db.session.rollback()
            error = exc
    units = {u.id: u for u in db.session.query(AdminUnit).filter(
        AdminUnit.id.in_({r.unit_id for r in util.list_rules() if r.unit_id}))}
    return render_template("alerts/rules.html", rules=util.list_rules(), units=units,
                           kinds=KIND_LABELS, defaults=DEFAULTS, error=error, form=form), (
        400 if error else 200)


@allow(STAFF)
def subscriptions():
    user = current_actor()
    units = _units_for(user)
    error = None
    if request.method == "POST":
        raw = request.form.get("unit", "")
        try:
            unit_id = int(raw) if raw else None
            if unit_id is not None and unit_id not in {u.id for u in units}:
                raise DomainError(_("Đơn vị này không thuộc phạm vi của bạn."), "invalid_field",
                                  field="unit")
            if unit_id is None and scopes.is_scoped(user) and not units:
                raise DomainError(_("Bạn chưa có đài/trạm nào trong phạm vi."), "invalid_field",
                                  field="unit")
            operations.subscribe(user, unit_id=unit_id, address=request.form.get("address", ""))
            db.session.commit()
            flash(_("Đã đăng ký nhận cảnh báo."), "success")
            return redirect(url_for("alerts.subscriptions"))
        except ValueError:
            db.session.rollback()
            error = DomainError(_("Đơn vị không hợp lệ."), "invalid_field", field="unit")
        except DomainError as exc:
            db.session.rollback()
            error = exc
    return render_template("alerts/subscriptions.html", subs=util.subscriptions_of(user),
                           units=units, unit_names={u.id: u.name for u in units}, error=error,
                           form=request.form), (400 if error else 200)


@allow(STAFF)
def unsubscribe(sub_id: int):
    sub = db.session.get(AlertSubscription, sub_id)
    if sub is None or sub.user_id != current_actor().id:
        abort(404)
    operations.unsubscribe(current_actor(), sub)
    db.session.commit()
    flash(_("Đã hủy đăng ký."), "success")
    return redirect(url_for("alerts.subscriptions"))
