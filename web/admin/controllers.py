"""Admin pages. Forms post here; services validate; one commit per request."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from radio import stations as station_service
from radio.accounts import operations as accounts
from radio.accounts import util as account_reads
from radio.clusters.queries import list_clusters
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import Role
from web.access import ADMIN, allow, current_actor
from web.args import TYPED_DATE, parse_date, station_codes
from web.confirm import confirm_page, confirmed


@allow(ADMIN)
def stations():
    rows = station_service.list_stations()
    return render_template("admin/stations.html", stations=rows,
                           names={s.id: s.name for s in rows},
                           windows_text=station_service.windows_text)


@allow(ADMIN)
def station_new():
    form = request.form
    error = None
    if request.method == "POST":
        try:
            station = station_service.create_station(
                current_actor(), code=form.get("code", ""), name=form.get("name", ""),
                kind=form.get("kind", "commune"),
                valid_from=parse_date(form.get("valid_from"), "valid_from", message=TYPED_DATE),
                windows=station_service.parse_windows(form.get("windows", "")))
            db.session.commit()
            flash(_("Đã tạo %(name)s.", name=station.name), "success")
            return redirect(url_for("admin.stations"))
        except DomainError as exc:
            db.session.rollback()
            error = exc
    return render_template("admin/station_form.html", station=None, form=form, error=error,
                           windows=form.get("windows", "05:30+60, 17:00+60")), (
        400 if error else 200)


def _station_page(station, form, error=None, merge_error=None):
    everyone = station_service.list_stations()
    successors = [s for s in everyone
                  if s.id != station.id and s.merged_into_id is None and s.valid_to is None]
    by_id = {s.id: s for s in everyone}
    return render_template(
        "admin/station_form.html", station=station, form=form, error=error,
        merge_error=merge_error, successors=successors,
        merged_into=by_id.get(station.merged_into_id), clusters=list_clusters(station=station),
        windows=form.get("windows") or station_service.windows_text(station)), (
        400 if error or merge_error else 200)


@allow(ADMIN)
def station_edit(code: str):
    station = station_service.get_station(code)
    form = request.form
    if request.method == "POST":
        try:
            station_service.update_station(
                current_actor(), station, name=form.get("name"),
                valid_to=parse_date(form.get("valid_to"), "valid_to", message=TYPED_DATE),
                windows=station_service.parse_windows(form.get("windows", "")))
            db.session.commit()
            flash(_("Đã lưu %(name)s.", name=station.name), "success")
            return redirect(url_for("admin.stations"))
        except DomainError as exc:
            db.session.rollback()
            return _station_page(station_service.get_station(code), form, error=exc)
    return _station_page(station, form)


@allow(ADMIN)
def station_merge(code: str):
    station = station_service.get_station(code)
    form = request.form
    try:
        if not form.get("into"):
            raise DomainError(_("Hãy chọn đài/trạm nhận sáp nhập."), "invalid_merge", field="into")
        on = parse_date(form.get("on"), "on", message=TYPED_DATE)
        if on is None:
            raise DomainError(_("Hãy nhập ngày cuối cùng hoạt động."), "invalid_dates", field="on")
        into = station_service.get_station(form["into"])
        station_service.merge_station(current_actor(), station, into, on)
        db.session.commit()
        flash(_("Đã sáp nhập %(name)s vào %(into)s.", name=station.name, into=into.name),
              "success")
        return redirect(url_for("admin.stations"))
    except DomainError as exc:
        db.session.rollback()
        return _station_page(station_service.get_station(code), MultiDict(), merge_error=exc)


@allow(ADMIN)
def station_token(code: str):
    station = station_service.get_station(code)
    if not confirmed():
        return confirm_page(
            _("Cấp mã truy cập mới cho %(name)s?", name=station.name),
            _("Mã cũ ngừng hoạt động ngay: máy trạm sẽ không tải được lịch cho đến khi "
              "nhập mã mới."), _("Cấp mã mới"),
            url_for("admin.station_edit", code=code))
    token = station_service.rotate_token(current_actor(), station)
    db.session.commit()
    return render_template("admin/station_token.html", station=station, token=token)


@allow(ADMIN)
def users_list():
    return render_template("admin/users.html", users=account_reads.list_users())


@allow(ADMIN)
def user_new():
    form = request.form
    error = None
    if request.method == "POST":
        try:
            user = accounts.create_user(
                current_actor(), username=form.get("username", ""),
                password=form.get("password", ""), role=form.get("role", ""),
                station_codes=station_codes(form), full_name=form.get("full_name", ""))
            db.session.commit()
            flash(_("Đã tạo tài khoản %(name)s.", name=user.username), "success")
            return redirect(url_for("admin.users"))
        except DomainError as exc:
            db.session.rollback()
            error = exc
    return _user_page(None, form, error=error)


def _user_page(user, form, error=None, password_error=None):
    return render_template("admin/user_form.html", user=user, form=form, error=error,
                           password_error=password_error, roles=list(Role),
                           stations=station_service.list_stations()), (
        400 if error or password_error else 200)


@allow(ADMIN)
def user_edit(username: str):
    user = account_reads.get_user(username)
    form = request.form
    if request.method == "POST" and user.active and form.get("active") != "on" \
            and not confirmed():
        return confirm_page(
            _("Khóa tài khoản %(name)s?", name=user.username),
            _("Tài khoản bị khóa không đăng nhập được và mã API của nó ngừng hoạt động. "
              "Lịch sử và nhật ký của tài khoản vẫn được giữ."), _("Khóa tài khoản"),
            url_for("admin.user_edit", username=username))
    if request.method == "POST":
        try:
            accounts.update_user(
                current_actor(), user, role=form.get("role"), station_codes=station_codes(form),
                active=form.get("active") == "on", full_name=form.get("full_name"))
            db.session.commit()
            flash(_("Đã lưu tài khoản %(name)s.", name=user.username), "success")
            return redirect(url_for("admin.users"))
        except DomainError as exc:
            db.session.rollback()
            return _user_page(account_reads.get_user(username), form, error=exc)
    return _user_page(user, form)


@allow(ADMIN)
def user_password(username: str):
    """Reset a password: a chosen one, or (empty field) a generated one-time password shown
    once. Either way the user must change it at the next sign-in."""
    user = account_reads.get_user(username)
    chosen = request.form.get("password", "")
    generated = None
    try:
        if chosen:
            accounts.set_password(current_actor(), user, chosen, one_time=True)
        else:
            generated = accounts.reset_password(current_actor(), user)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return _user_page(account_reads.get_user(username), MultiDict(), password_error=exc)
    if generated:
        return render_template("admin/user_password.html", user=user, password=generated)
    flash(_("Đã đặt lại mật khẩu của %(name)s; người dùng phải đổi khi đăng nhập.",
            name=user.username), "success")
    return redirect(url_for("admin.user_edit", username=username))


@allow(ADMIN)
def user_token(username: str):
    """A staff API token (scripts that upload media); shown once, the old one stops working."""
    user = account_reads.get_user(username)
    if not confirmed():
        return confirm_page(
            _("Cấp mã API mới cho %(name)s?", name=user.username),
            _("Mã API cũ ngừng hoạt động ngay: các chương trình đang dùng nó sẽ bị từ chối."),
            _("Cấp mã mới"), url_for("admin.user_edit", username=username))
    token = accounts.rotate_api_token(current_actor(), user)
    db.session.commit()
    return render_template("admin/user_token.html", user=user, token=token)
