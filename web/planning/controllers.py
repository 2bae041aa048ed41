"""Planning pages: programmes, occurrences and rundowns, entries, week grid, network view.

Views are thin: parse the form, call a service, commit once, redirect; a DomainError is shown
on the same form (with every issue, and a confirm button when only warnings are left).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import (
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from radio import clock, reference
from radio.clusters.queries import open_clusters_by_station
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _, _l
from radio.models import MediaItem, MediaKind, MediaStatus
from radio.scopes import OutOfScope
from radio.stations import list_relay_sources, list_stations
from schedules import recurrence
from schedules.entries import calendar, emergencies, targeting
from schedules.entries import operations as entry_ops
from schedules.entries.approval_state import media_waiting, occurrence_waiting, waiting_by_entry
from schedules.entries.live import upcoming_live
from schedules.programmes import operations as programme_ops
from schedules.programmes import rundowns
from schedules.programmes import util as programme_util
from schedules.programmes.util import list_programmes, upcoming_occurrences
from web.access import (
    EDITORS,
    READERS,
    allow,
    current_actor,
    require_relay_source,
    stations_in_scope,
)
from web.args import parse_date, parse_time, station_codes
from web.planning import scope
from web.planning.network import network_rows
from web.planning.network_units import group_rows

PRIORITY_LABELS = {"normal": _l("Thông thường"), "priority": _l("Ưu tiên"),
                   "emergency": _l("Khẩn cấp")}
TARGET_LABELS = {"all": _l("Đài huyện và mọi trạm"), "district": _l("Chỉ đài huyện"),
                 "communes": _l("Mọi trạm xã, thị trấn"), "chosen": _l("Các đài/trạm được chọn")}


def _tz():
    return clock.zone()


def _today() -> date:
    return clock.today(_tz())


def _int_arg(value: str | None, field: str, default: int | None = None) -> int | None:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise DomainError(_("“%(v)s” không phải là số.", v=value), "invalid_number",
                          field=field) from None


def _issues(exc: DomainError) -> list[dict]:
    return exc.details.get("issues") or [{"level": "error", "message": exc.message}]


def _jingles() -> list[MediaItem]:
    return list(db.session.scalars(select(MediaItem).where(
        MediaItem.kind == MediaKind.jingle, MediaItem.status == MediaStatus.ready)
        .order_by(MediaItem.title)))


def _common() -> dict:
    return {"priority_labels": PRIORITY_LABELS, "target_labels": TARGET_LABELS,
            "weekday_names": recurrence.WEEKDAY_NAMES, "weekdays": recurrence.WEEKDAYS}


# -- overview: network view and programmes -----------------------------------------------------

@allow(READERS)
def index():
    day = parse_date(request.args.get("date"), default=_today())
    stations = list_stations(on=day, visible_to=g.principal)
    rows = calendar.network_day(stations, day, _tz())
    programmes = list_programmes()
    hours = (5, 19)
    for _s, blocks in rows:
        for b in blocks:
            if b.starts_at.hour < hours[0]:
                hours = (b.starts_at.hour, hours[1])
            if b.ends_at.hour >= hours[1]:
                hours = (hours[0], min(24, b.ends_at.hour + 1))
    editor = current_actor() is not None and current_actor().role.value in ("admin", "editor")
    waiting = waiting_by_entry(b.entry_id for _s, blocks in rows for b in blocks)
    return render_template("planning/index.html", day=day, rows=rows, programmes=programmes,
                           groups=group_rows(network_rows(rows, day, hours, editor=editor,
                                                          waiting=waiting), day),
                           waiting=waiting,
                           hours=hours, prev_day=day - timedelta(days=1),
                           next_day=day + timedelta(days=1), describe=recurrence.describe,
                           live_slots=upcoming_live(clock.now()), **_common())


# -- programmes --------------------------------------------------------------------------------

def _programme_values(form) -> dict:
    preset = form.get("preset", "weekly")
    rule = recurrence.preset_rrule(preset, weekdays=form.getlist("weekdays"),
                                   monthday=_int_arg(form.get("monthday"), "monthday"),
                                   custom=form.get("rrule", ""))
    minutes = _int_arg(form.get("duration_min"), "duration", 0) or 0
    return {
        "name": form.get("name", ""), "rrule": rule,
        "start_time": parse_time(form.get("start_time"), "start_time"), "duration_s": minutes * 60,
        "valid_from": parse_date(form.get("valid_from"), "valid_from", default=_today()),
        "valid_until": parse_date(form.get("valid_until"), "valid_until"),
        "target": form.get("target", "all"),
        "intro_media_id": _int_arg(form.get("intro_media_id"), "intro"),
        "outro_media_id": _int_arg(form.get("outro_media_id"), "outro"),
        "description": form.get("description", ""),
        "live_station": form.get("live_station") or None,
    }


def _programme_form(prog, form, issues=None, status=200):
    values = {}
    if prog is not None and not form:
        values = {"name": prog.name, "start_time": prog.start_time.strftime("%H:%M"),
                  "duration_min": prog.duration_s // 60, "valid_from": prog.valid_from.isoformat(),
                  "valid_until": prog.valid_until.isoformat() if prog.valid_until else "",
                  "target": prog.target.value, "intro_media_id": prog.intro_media_id or "",
                  "outro_media_id": prog.outro_media_id or "", "description": prog.description,
                  "rrule": prog.rrule, "stations": [s.code for s in prog.stations],
                  "live_station": prog.live_station.code if prog.live_station else ""}
        values |= recurrence.preset_of(prog.rrule)
    else:
        values = {k: form.get(k, "") for k in ("name", "start_time", "duration_min", "valid_from",
                                                "valid_until", "target", "intro_media_id",
                                                "outro_media_id", "description", "rrule",
                                                "preset", "monthday", "live_station")}
        values["weekdays"] = form.getlist("weekdays")
        values["stations"] = station_codes(form)
    values.setdefault("preset", "weekly")
    return render_template("planning/programme_form.html", prog=prog, values=values,
                           issues=issues or [], jingles=_jingles(),
                           stations=list_stations(on=_today(), visible_to=g.principal),
                           relay_sources=list_relay_sources(on=_today(), visible_to=g.principal),
                           **_common()), status


@allow(EDITORS)
def programme_new():
    if request.method == "POST":
        form = request.form
        try:
            values = _programme_values(form)
            scope.require_programme_target(values["target"], station_codes(form))
            require_relay_source(values["live_station"])
            prog = programme_ops.create_programme(
                current_actor(), station_codes=station_codes(form),
                confirm=bool(form.get("confirm")), **values)
            db.session.commit()
            flash(_("Đã tạo chuyên mục “%(name)s”.", name=prog.name), "success")
            return redirect(url_for("planning.programme", programme_id=prog.id))
        except OutOfScope:
            raise
        except DomainError as exc:
            db.session.rollback()
            return _programme_form(None, form, _issues(exc), 400)
    return _programme_form(None, MultiDict())


@allow(EDITORS)
def programme_edit(programme_id: int):
    prog = programme_util.get_programme(programme_id)
    scope.require_programme(prog)
    if request.method == "POST":
        form = request.form
        try:
            values = _programme_values(form)
            scope.require_programme_target(values["target"], station_codes(form))
            require_relay_source(values["live_station"])
            programme_ops.update_programme(current_actor(), prog,
                                           station_codes=station_codes(form),
                                           confirm=bool(form.get("confirm")), active=True,
                                           **values)
            db.session.commit()
            flash(_("Đã lưu chuyên mục; các số phát sắp tới đã được cập nhật."), "success")
            return redirect(url_for("planning.programme", programme_id=prog.id))
        except OutOfScope:
            raise
        except DomainError as exc:
            db.session.rollback()
            return _programme_form(prog, form, _issues(exc), 400)
    return _programme_form(prog, MultiDict())


@allow(READERS)
def programme(programme_id: int):
    prog = programme_util.get_programme(programme_id)
    now = clock.now()
    occurrences = upcoming_occurrences(prog.id, now - timedelta(days=7), limit=30)
    return render_template("planning/programme.html", prog=prog, occurrences=occurrences,
                           describe=recurrence.describe, now=now,
                           totals={o.id: rundowns.rundown_total_s(o) for o in occurrences},
                           waiting={o.id: occurrence_waiting(o) for o in occurrences},
                           **_common())


@allow(EDITORS)
def occurrence_skip(occurrence_id: int):
    occ = programme_util.get_occurrence(occurrence_id)
    scope.require_programme(occ.programme)
    programme_ops.skip_occurrence(current_actor(), occ)
    db.session.commit()
    flash(_("Đã bỏ số phát ngày %(d)s.", d=occ.recurrence_date.strftime("%d/%m/%Y")), "success")
    return redirect(url_for("planning.programme", programme_id=occ.programme_id))


@allow(EDITORS)
def occurrence_move(occurrence_id: int):
    occ = programme_util.get_occurrence(occurrence_id)
    scope.require_programme(occ.programme)
    form = request.form
    try:
        day = parse_date(form.get("date"))
        if day is None:
            raise DomainError(_("Hãy chọn ngày mới."), "invalid_date", field="date")
        start = datetime.combine(day, parse_time(form.get("time"), "time"), tzinfo=_tz())
        programme_ops.move_occurrence(current_actor(), occ, start, confirm=bool(form.get("confirm")))
        db.session.commit()
        flash(_("Đã chuyển số phát sang %(d)s.", d=start.strftime("%d/%m/%Y %H:%M")), "success")
    except DomainError as exc:
        db.session.rollback()
        for issue in _issues(exc):
            flash(issue["message"], "error" if issue["level"] == "error" else "warn")
    return redirect(url_for("planning.programme", programme_id=occ.programme_id))


# -- rundowns ----------------------------------------------------------------------------------

@allow(READERS)
def occurrence(occurrence_id: int, issues=None, status=200):
    occ = programme_util.get_occurrence(occurrence_id)
    day = occ.starts_at.astimezone(_tz()).date()
    topic = request.args.get("topic") or None
    candidates = rundowns.library_candidates(
        day, topic_slug=topic, exclude_ids=[r.media_item_id for r in occ.rundown], limit=40)
    total = rundowns.rundown_total_s(occ)
    return render_template("planning/occurrence.html", occ=occ, prog=occ.programme,
                           awaiting=occurrence_waiting(occ), approvable=occ,
                           media_waiting=media_waiting,
                           candidates=candidates, topics=reference.list_topics(), topic=topic,
                           total=total, slot=rundowns.slot_s(occ), issues=issues or [],
                           editable=occ.starts_at > clock.now(), **_common()), status


@allow(EDITORS)
def rundown_update(occurrence_id: int):
    occ = programme_util.get_occurrence(occurrence_id)
    scope.require_programme(occ.programme)
    form = request.form
    action = form.get("action", "")
    actor = current_actor()
    try:
        if action == "add":
            media_id = _int_arg(form.get("media_id"), "media_id")
            repeat = _int_arg(form.get("repeat_next"), "repeat_next", 0) or 0
            touched = rundowns.add_rundown_item(actor, occ, media_id, repeat_next=repeat)
            flash(_("Đã thêm vào %(n)s số phát.", n=len(touched)), "success")
        elif action == "remove":
            rundowns.remove_rundown_item(actor, occ, _int_arg(form.get("position"), "position"))
        elif action in ("up", "down"):
            rundowns.move_rundown_item(actor, occ, _int_arg(form.get("position"), "position"),
                                         -1 if action == "up" else 1)
        elif action == "order":
            ids = [int(x) for x in form.get("order", "").split(",") if x.strip().isdigit()]
            if sorted(ids) != sorted(r.media_item_id for r in occ.rundown):
                raise DomainError(_("Thứ tự gửi lên không khớp với nội dung số phát."),
                                  "invalid_order")
            rundowns.set_rundown(actor, occ, ids)
        elif action == "fill":
            n = rundowns.fill_rundown(actor, occ, topic_slug=form.get("topic") or None)
            flash(_("Đã thêm %(n)s tin, bài từ thư viện.", n=n) if n else
                  _("Không còn tin, bài phù hợp vừa với thời lượng còn lại."),
                  "success" if n else "warn")
        else:
            raise DomainError(_("Thao tác không hợp lệ."), "invalid_action")
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return occurrence(occurrence_id, issues=_issues(exc), status=400)
    if request.headers.get("X-Requested-With") == "fetch":
        return {"ok": True, "total_s": rundowns.rundown_total_s(occ)}
    return redirect(url_for("planning.occurrence", occurrence_id=occ.id,
                            topic=request.args.get("topic") or None))


# -- entries -----------------------------------------------------------------------------------

def _library_items() -> list[MediaItem]:
    return list(db.session.scalars(select(MediaItem).where(
        MediaItem.status == MediaStatus.ready, MediaItem.rendition_sha256.is_not(None))
        .order_by(MediaItem.created_at.desc()).limit(300)))


def _entry_repeat(form) -> dict:
    """The entry form's recurrence: none, or the programmes' presets (daily, weekly on days,
    monthly on a day, an RRULE), until a day (default: the planning horizon)."""
    preset = form.get("repeat", "none")
    if preset not in recurrence.PRESETS:
        return {}
    rule = recurrence.preset_rrule(preset, weekdays=form.getlist("weekdays"),
                                   monthday=_int_arg(form.get("monthday"), "monthday"),
                                   custom=form.get("rrule", ""))
    return {"rrule": rule, "until": parse_date(form.get("until"), "until")}


@allow(EDITORS)
def entry_new():
    form = request.form if request.method == "POST" else request.args
    issues = []
    status = 200
    if request.method == "POST":
        try:
            kind = form.get("kind", "item")
            priority = form.get("priority", "normal")
            at_once = kind == "item" and priority == "emergency" and form.get("when") != "at"
            day = parse_date(form.get("date"), default=_today() if at_once else None)
            if day is None:
                raise DomainError(_("Hãy chọn ngày phát."), "invalid_date", field="date")
            at = None if at_once else datetime.combine(day, parse_time(form.get("time"), "time"),
                                                       tzinfo=_tz())
            choice = form.get("target", "chosen")
            stations = targeting.stations_for_choice(
                codes=station_codes(form), all_communes=choice == "communes",
                everything=choice == "all", on=day)
            stations = stations_in_scope(stations, chosen=choice not in ("communes", "all"))
            minutes = _int_arg(form.get("minutes"), "minutes")
            if kind == "item" and priority == "emergency":
                repeat = _int_arg(form.get("repeat_every"), "repeat_every")
                rows = entry_ops.send_emergency(
                    current_actor(), stations=stations,
                    media_id=_int_arg(form.get("media_id"), "media"),
                    repeat_every_s=repeat * 60 if repeat else None, at=at,
                    note=form.get("note", ""), clusters=form.getlist("clusters"))
                if repeat:  # this form has no end: the Emergency page offers one
                    flash(emergencies.cap_warning(), "warn")
            else:
                if kind in ("relay", "live"):
                    require_relay_source(form.get("relay_station"))
                rows = entry_ops.add_entries(
                    current_actor(), stations=stations, starts_at=at,
                    media_id=_int_arg(form.get("media_id"), "media") if kind == "item" else None,
                    relay_station_code=form.get("relay_station") or None
                    if kind in ("relay", "live") else None,
                    relay_url=form.get("relay_url") or None if kind == "relay" else None,
                    live=kind == "live",
                    duration_s=minutes * 60 if minutes else None, priority=priority,
                    **_entry_repeat(form), note=form.get("note", ""),
                    confirm=bool(form.get("confirm")), clusters=form.getlist("clusters"))
            db.session.commit()
            flash(_("Đã thêm %(n)s lịch phát.", n=len(rows)), "success")
            first = rows[0]
            return redirect(url_for("planning.week", code=first.station.code,
                                    start=first.starts_at.astimezone(_tz()).date().isoformat()))
        except OutOfScope:
            raise
        except DomainError as exc:
            db.session.rollback()
            issues = _issues(exc)
            status = 400
    stations = list_stations(on=_today(), visible_to=g.principal)
    return render_template("planning/entry_form.html", form=form, issues=issues,
                           stations=stations, items=_library_items(),
                           relay_sources=list_relay_sources(on=_today(), visible_to=g.principal),
                           clusters=open_clusters_by_station(stations, _today()), today=_today(),
                           **_common()), status
