"""Cluster admin pages: list (by station), add, edit, end. Forms post here; the services in
radio.clusters validate; one commit per request; a DomainError is shown on the same form."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from radio.clusters import operations, queries
from radio.clusters.validation import TECHNOLOGIES
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _, _l
from radio.stations import get_station, list_stations
from web.access import ADMIN, allow, current_actor
from web.args import TYPED_DATE, parse_date

TECHNOLOGY_LABELS = {"ip": _l("Loa thông minh (IP)"), "fm": _l("Không dây (FM)"),
                     "wired": _l("Hữu tuyến (dây)")}


def _common() -> dict:
    return {"technologies": TECHNOLOGIES, "technology_labels": TECHNOLOGY_LABELS}


@allow(ADMIN)
def index():
    code = request.args.get("station") or None
    station = get_station(code) if code else None
    return render_template("clusters/index.html", station=station,
                           clusters=queries.list_clusters(station=station),
                           stations=list_stations(), **_common())


def _form_page(cluster, form, error=None, end_error=None):
    return render_template("clusters/form.html", cluster=cluster, form=form, error=error,
                           end_error=end_error, stations=list_stations(), **_common()), (
        400 if error or end_error else 200)


@allow(ADMIN)
def new():
    form = request.form if request.method == "POST" else MultiDict(
        {"station": request.args.get("station", "")})
    if request.method == "POST":
        try:
            cluster = operations.add_cluster(
                current_actor(), station=form.get("station", ""), code=form.get("code", ""),
                name=form.get("name", ""), covers=form.get("covers", ""),
                technology=form.get("technology", "wired"), latitude=form.get("latitude"),
                longitude=form.get("longitude"), speakers=form.get("speakers"),
                valid_from=parse_date(form.get("valid_from"), "valid_from",
                                      message=TYPED_DATE))
            db.session.commit()
            flash(_("Đã thêm cụm loa %(name)s của %(station)s.", name=cluster.name,
                    station=cluster.station.name), "success")
            return redirect(url_for("clusters.index", station=cluster.station.code))
        except DomainError as exc:
            db.session.rollback()
            return _form_page(None, form, error=exc)
    return _form_page(None, form)


@allow(ADMIN)
def edit(cluster_code: str):
    cluster = queries.get_cluster(cluster_code)
    form = request.form
    if request.method == "POST":
        try:
            operations.update_cluster(
                current_actor(), cluster, name=form.get("name", ""),
                covers=form.get("covers", ""), technology=form.get("technology", "wired"),
                latitude=form.get("latitude"), longitude=form.get("longitude"),
                speakers=form.get("speakers") or "0")
            db.session.commit()
            flash(_("Đã lưu cụm loa %(name)s.", name=cluster.name), "success")
            return redirect(url_for("clusters.index", station=cluster.station.code))
        except DomainError as exc:
            db.session.rollback()
            return _form_page(queries.get_cluster(cluster_code), form, error=exc)
    return _form_page(cluster, form)


@allow(ADMIN)
def end(cluster_code: str):
    cluster = queries.get_cluster(cluster_code)
    try:
        on = parse_date(request.form.get("on"), "on", message=TYPED_DATE)
        if on is None:
            raise DomainError(_("Hãy nhập ngày cuối cùng hoạt động."), "invalid_dates",
                              field="on")
        operations.end_cluster(current_actor(), cluster, on)
        db.session.commit()
        flash(_("Cụm loa %(name)s ngừng hoạt động sau ngày %(d)s.", name=cluster.name,
                d=f"{on:%d/%m/%Y}"), "success")
        return redirect(url_for("clusters.index", station=cluster.station.code))
    except DomainError as exc:
        db.session.rollback()
        return _form_page(queries.get_cluster(cluster_code), MultiDict(), end_error=exc)
