"""Emergency pages: send (form, confirm screen), the live status page, cancel everywhere."""

from __future__ import annotations

from datetime import datetime, time

from flask import flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from radio import clock, scopes
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _, _l
from radio.models import MediaItem, MediaKind, MediaStatus, ScheduleEntry, Station
from radio.scopes import OutOfScope
from radio.stations import list_stations
from schedules.entries import emergencies, targeting
from schedules.entries import operations as entry_ops
from schedules.entries.util import get_media
from web.access import EDITORS, STAFF, allow, current_actor, stations_in_scope
from web.args import parse_date, station_codes

STATE_NAMES = {"aired": _l("Đã phát"), "partial": _l("Phát một phần"), "missed": _l("Bị lỡ"),
               "pending": _l("Chưa đến giờ"), "cancelled": _l("Đã huỷ"),
               "superseded": _l("Bị thay thế")}


def _items() -> list[MediaItem]:
    return list(db.session.scalars(select(MediaItem).where(
        MediaItem.status == MediaStatus.ready, MediaItem.rendition_sha256.is_not(None),
        MediaItem.kind != MediaKind.jingle).order_by(MediaItem.created_at.desc()).limit(300)))


def _number(form, name: str) -> int | None:
    value = (form.get(name) or "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise DomainError(_("“%(v)s” phải là số nguyên dương.", v=value), "invalid_number",
                          field=name)
    return int(value)


def _clock_time(value: str, name: str) -> time:
    try:
        hh, mm = value.strip().split(":")[:2]
        return time(int(hh), int(mm))
    except (ValueError, TypeError):
        raise DomainError(_("Giờ “%(v)s” không đúng dạng HH:MM.", v=value), "invalid_time",
                          field=name) from None


def _read(form) -> dict:
    """The send form as arguments of send_emergency (raises DomainError, field named)."""
    tz = clock.zone()
    today = clock.today()
    media_id = _number(form, "media_id")
    if media_id is None:
        raise DomainError(_("Hãy chọn bản tin khẩn cấp."), "no_content", field="media_id")
    at = None
    if form.get("when") == "at":
        day = parse_date(form.get("date"), "date", default=today)
        at = datetime.combine(day, _clock_time(form.get("time") or "", "time"), tz)
    until = None
    if (form.get("until_time") or "").strip():
        day = parse_date(form.get("until_date"), "until_date", default=today)
        until = datetime.combine(day, _clock_time(form.get("until_time"), "until_time"), tz)
    every = _number(form, "repeat_every")
    choice = form.get("target", "communes")
    stations = targeting.stations_for_choice(
        codes=station_codes(form), all_communes=choice == "communes", everything=choice == "all",
        on=(at or clock.now()).astimezone(tz).date())
    stations = stations_in_scope(stations, chosen=choice not in ("communes", "all"))
    if not stations:
        raise DomainError(_("Hãy chọn ít nhất một đài/trạm."), "no_station", field="stations")
    return {"stations": stations, "media_id": media_id, "at": at, "repeat_until": until,
            "repeat_every_s": every * 60 if every else None, "times": _number(form, "times"),
            "note": (form.get("note") or "").strip()}


def _form_page(form, issues, status):
    return render_template("emergency/new.html", form=form, issues=issues, items=_items(),
                           stations=list_stations(on=clock.today(), visible_to=g.principal)), status


@allow(EDITORS)
def new():
    form = request.form if request.method == "POST" else request.args
    if request.method == "GET":
        return _form_page(form, [], 200)
    try:
        args = _read(form)
        plan = emergencies.plan(stations=args["stations"], media_id=args["media_id"],
                                starts_at=args["at"] or clock.now(),
                                repeat_every_s=args["repeat_every_s"],
                                repeat_until=args["repeat_until"], times=args["times"],
                                actor=current_actor())
    except OutOfScope:
        raise
    except DomainError as exc:
        return _form_page(form, [{"level": "error", "message": exc.message}], 400)
    return render_template("emergency/confirm.html", form=form, plan=plan, now=clock.now())


@allow(EDITORS)
def send():
    form = request.form
    try:
        args = _read(form)
        path = emergencies.approve_for_send(current_actor(), get_media(args["media_id"]))
        rows = entry_ops.send_emergency(current_actor(), **args)
    except OutOfScope:
        raise
    except DomainError as exc:
        db.session.rollback()
        return _form_page(form, [{"level": "error", "message": exc.message}], 400)
    db.session.commit()
    if path == "needs_approver":
        flash(_("Đã gửi bản tin khẩn cấp tới %(n)s đài/trạm. Bản tin đang chờ lãnh đạo duyệt: "
                "chỉ phát sau khi được duyệt.", n=len(rows)), "warn")
    else:
        flash(_("Đã phát bản tin khẩn cấp tới %(n)s đài/trạm.", n=len(rows)), "success")
    return redirect(url_for("emergency.live", batch_id=rows[0].batch_id))


@allow(STAFF)
def live(batch_id: str):
    now = clock.now()
    status = emergencies.send_status(batch_id, now=now)
    return render_template("emergency/live.html", send=status, now=now,
                           state_names=STATE_NAMES)


@allow(EDITORS)
def cancel(batch_id: str):
    now = clock.now()
    if request.method == "GET":
        status = emergencies.send_status(batch_id, now=now)
        return render_template("emergency/cancel.html", send=status)
    # A scoped editor cancels only a send that stays within their scope.
    scopes.require_stations(g.principal, db.session.scalars(
        select(Station).join(ScheduleEntry, ScheduleEntry.station_id == Station.id)
        .where(ScheduleEntry.batch_id == batch_id).distinct()))
    n = emergencies.cancel_everywhere(current_actor(), batch_id, now=now)
    db.session.commit()
    flash(_("Đã huỷ bản tin khẩn cấp ở mọi nơi: %(n)s lượt phát còn lại đã huỷ.", n=n),
          "success")
    return redirect(url_for("emergency.live", batch_id=batch_id))
