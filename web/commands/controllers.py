"""Remote commands from the browser: the station's page (history and send form) and the small
form of the fleet page. The services in radio.fleet validate and audit; one commit a request."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from radio import clock
from radio.clusters.queries import clusters_of_station, get_cluster
from radio.db import db
from radio.errors import DomainError
from radio.fleet import command_util
from radio.fleet import commands as ops
from radio.i18n import _, _l
from radio.models import Role
from radio.stations import get_station
from web.access import EDITORS, READERS, allow, current_actor

KIND_LABELS = {"volume": _l("Đặt âm lượng"), "stop": _l("Dừng phát"),
               "play": _l("Phát ngay một tệp"), "resync": _l("Đồng bộ lại"),
               "restart": _l("Khởi động lại tác tử")}
STATUS_LABELS = {"pending": _l("Chờ trạm nhận"), "delivered": _l("Trạm đã nhận"),
                 "done": _l("Đã thực hiện"), "failed": _l("Thất bại"),
                 "expired": _l("Hết hạn")}


def _same_site(target: str, default: str) -> str:
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def _send(form, station) -> list:
    code = (form.get("cluster") or "").strip()
    cluster = get_cluster(code) if code else None
    rows = ops.send_command(current_actor(), station=station, cluster=cluster,
                            kind=form.get("kind", ""), value=form.get("value", ""),
                            now=clock.now())
    db.session.commit()
    target = station.name + (f" ({cluster.name})" if cluster else "")
    flash(_("Đã gửi lệnh “%(kind)s” tới %(target)s.",
            kind=KIND_LABELS.get(rows[0].kind.value, rows[0].kind.value), target=target),
          "success")
    return rows


def _can_send(user) -> bool:
    return getattr(user, "role", None) in (Role.admin, Role.editor)


@allow(READERS, station_arg="code")
def station(code: str):
    station = g.station
    error = None
    if request.method == "POST":
        if not _can_send(current_actor()):
            return render_template("error.html", status=403, message=_(
                "Vai trò của bạn không được phép gửi lệnh tới trạm.")), 403
        try:
            _send(request.form, station)
            return redirect(url_for("commands.station", code=station.code))
        except DomainError as exc:
            db.session.rollback()
            error = exc
    rows = command_util.history(station, 100)
    return render_template(
        "commands/station.html", station=station, rows=rows,
        clusters=command_util.cluster_codes(rows), cluster_list=clusters_of_station(
            station, clock.today(clock.zone(station.timezone))),
        can_send=_can_send(current_actor()), error=error, form=request.form,
        kinds=KIND_LABELS, statuses=STATUS_LABELS, tz=clock.zone(station.timezone)), (
        (error.status if error.status != 400 else 400) if error else 200)


@allow(EDITORS)
def send():
    """The fleet page's small form: back to `next` (a same-site path) with a flash."""
    form = request.form
    back = _same_site(form.get("next", ""), url_for("dashboard.index"))
    try:
        station = get_station((form.get("station") or "").strip())
        _send(form, station)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return redirect(back)
