"""Archive pages: read-only browsing for auditors, reports, the package download, attachments."""

from __future__ import annotations

import io

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from sqlalchemy import select

from media.streams.util import session_of_item
from radio import clock, scopes
from radio.archive import attachments as attachment_service
from radio.archive import editorial, queries
from radio.archive.export import stream_package
from radio.archive.periods import Period
from radio.archive.reports.charts import report_charts
from radio.archive.reports.data import build_report
from radio.archive.reports.tables import build_tables, format_cell
from radio.archive.reports.xlsx import write_xlsx
from radio.archive.seals import latest_seals
from radio.archive.verify import verify_database
from radio.db import db
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import Agency, Topic
from radio.storage import get_storage
from web.access import (
    EDITORS,
    READERS,
    allow,
    current_actor,
    report_station_codes,
    require_whole_network,
)
from web.args import parse_date, period_arg

PARTS = ["", "H1", "H2", "Q1", "Q2", "Q3", "Q4"] + [f"{m:02d}" for m in range(1, 13)]


def _part_label(part: str) -> str:
    if not part:
        return _("Cả năm")
    if part.startswith("H"):
        return _("6 tháng đầu năm") if part == "H1" else _("6 tháng cuối năm")
    if part.startswith("Q"):
        return _("Quý %(q)s", q={"1": "I", "2": "II", "3": "III", "4": "IV"}[part[1]])
    return _("Tháng %(m)s", m=int(part))


def current_period() -> Period:
    """The period the page is about: ?period=2022-H1 or ?year=2022&part=H1, and ?window=."""
    return period_arg(request.args)


def _period_args(period: Period) -> dict:
    return {"period": period.key, "window": period.window}


def _context(period: Period, **extra) -> dict:
    this_year = clock.today().year
    years = list(range(this_year + 1, 2019, -1))
    part = "" if period.kind == "year" else period.key.split("-", 1)[1] if \
        period.kind != "range" else ""
    return {"period": period, "pargs": _period_args(period), "years": years,
            "parts": [(p, _part_label(p)) for p in PARTS], "current_part": part, **extra}


@allow(READERS)
def index():
    period = current_period()
    data = build_report(period, station_codes=report_station_codes())
    topics = db.session.scalars(select(Topic).order_by(Topic.position)).all()
    agency_names = sorted({r.key for r in data.agencies})
    return render_template("archive/index.html", **_context(
        period, data=data, charts=report_charts(data), topics=topics,
        topic_counts={r.key: r for r in data.topics}, agency_names=agency_names,
        agencies={a.name: a for a in db.session.scalars(select(Agency))}))


@allow(READERS, station_arg="code")
def station(code: str):
    period = current_period()
    cells = queries.station_calendar(g.station, period)
    totals = {"aired": sum(1 for c in cells if c.state == "aired" and c.aired),
              "some": sum(1 for c in cells if c.state == "some"),
              "missed": sum(1 for c in cells if c.state == "missed")}
    return render_template("archive/station.html", **_context(
        period, station=g.station, months=queries.calendar_months(cells), totals=totals,
        items=queries.items_aired(period, station=g.station)))


@allow(READERS, station_arg="code")
def day(code: str, day: str):
    try:
        the_day = parse_date(day, iso_only=True)
    except DomainError:
        abort(404)
    period = current_period()
    return render_template("archive/day.html", **_context(
        period, station=g.station, day=the_day, rows=queries.station_day(g.station, the_day, now=clock.now())))


@allow(READERS)
def topic(slug: str):
    period = current_period()
    row = db.session.scalar(select(Topic).where(Topic.slug == slug))
    if row is None:
        raise NotFound(_("Không có chủ đề “%(s)s”.", s=slug), "topic_not_found")
    return render_template("archive/list.html", **_context(
        period, heading=_("Chủ đề: %(name)s", name=row.name),
        rows=queries.items_aired(period, topic=slug)))


@allow(READERS)
def agency(slug: str):
    period = current_period()
    row = db.session.scalar(select(Agency).where(Agency.slug == slug))
    name = row.name if row is not None else request.args.get("name", "")
    if row is None and not name:
        raise NotFound(_("Không có cơ quan “%(s)s”.", s=slug), "agency_not_found")
    return render_template("archive/list.html", **_context(
        period, heading=_("Cơ quan cung cấp tin: %(name)s", name=name),
        rows=queries.items_aired(period, agency=name)))


@allow(READERS)
def item(item_id: int):
    period = current_period() if request.args.get("period") else None
    ev = queries.evidence(item_id, period, limit=None if request.args.get("all") else 300,
                         now=clock.now())
    _scope_evidence(ev)
    principal = g.get("principal")
    can_attach = principal is not None and principal.role.value in EDITORS
    store = get_storage()
    record = editorial.editorial(
        ev.item, approval_required=current_app.config["RADIO_SETTINGS"].approval_required)
    return render_template("archive/item.html", **_context(
        period or current_period(), ev=ev, item=ev.item, only_period=period is not None,
        ed=record,
        can_attach=can_attach, live=session_of_item(ev.item.id),
        has_audio=bool(ev.item.rendition_sha256) and store.exists(ev.item.rendition_sha256)))


def _scope_evidence(ev) -> None:
    """Keep only the airings and per-station rows of the stations in the caller's scope. An
    item that aired only outside the scope, written by someone outside it, is not shown."""
    principal = g.get("principal")
    ids = scopes.visible_station_ids(principal)
    if ids is None:
        return
    aired = bool(ev.by_station or ev.airings)
    ev.by_station = [r for r in ev.by_station if r[0].id in ids]
    ev.airings = [r for r in ev.airings if r.station.id in ids]
    ev.total_airings = len(ev.airings)
    if aired and not ev.by_station and not ev.airings:
        units = scopes.visible_unit_ids(principal)
        writer = editorial.writer_of(ev.item)
        if units is not None and (writer is None or writer.unit_id not in units):
            abort(403)


@allow(READERS)
def item_audio(item_id: int):
    ev_item = queries.evidence(item_id).item
    sha = ev_item.rendition_sha256 if request.args.get("kind") != "original" else \
        ev_item.original_sha256
    store = get_storage()
    if not sha or not store.exists(sha):
        raise NotFound(_("Tệp âm thanh không còn trong kho."), "file_missing")
    mimetype = "audio/mpeg" if sha == ev_item.rendition_sha256 else None
    return send_file(store.path(sha), mimetype=mimetype or "application/octet-stream",
                     conditional=True, etag=sha, max_age=3600,
                     download_name=f"{item_id}-{sha[:8]}.mp3" if mimetype else
                     (ev_item.original_name or f"{item_id}-goc"))


@allow(EDITORS)
def attachment_upload(item_id: int):
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Hãy chọn một tệp để đính kèm."), "error")
        return redirect(url_for("archive.item", item_id=item_id))
    try:
        att = attachment_service.add_attachment(current_actor(), item_id, upload.filename,
                                                upload.stream)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("archive.item", item_id=item_id))
    db.session.commit()
    flash(_("Đã đính kèm “%(name)s”.", name=att.filename), "ok")
    return redirect(url_for("archive.item", item_id=item_id) + "#attachments")


@allow(READERS)
def attachment(attachment_id: int):
    att = attachment_service.get_attachment(attachment_id)
    store = get_storage()
    if not store.exists(att.sha256):
        raise NotFound(_("Tệp đính kèm không còn trong kho."), "file_missing")
    inline = att.content_type.startswith(("image/", "application/pdf", "text/plain"))
    return send_file(store.path(att.sha256), mimetype=att.content_type, conditional=True,
                     etag=att.sha256, as_attachment=not inline, download_name=att.filename)


@allow(READERS)
def search():
    q = request.args.get("q", "").strip()
    hits = queries.search_items(q) if q else []
    counts = queries.aired_counts([h[0].id for h in hits])
    return render_template("archive/search.html", **_context(
        current_period(), q=q, hits=hits, counts=counts))


@allow(READERS)
def report():
    """The report page; with units, the figures by unit too: ?view=units_then (the units of
    each day, the default) or ?view=units_now (folded into today's units)."""
    period = current_period()
    data = build_report(period, station_codes=report_station_codes(), unit_views="always")
    view = request.args.get("view")
    view = view if view in ("units_then", "units_now") else "units_then"
    tables = build_tables(data)
    by_unit = {t.key: t for t in tables if t.key in ("units_then", "units_now", "units_map")}
    return render_template("archive/report.html", **_context(
        period, data=data, tables=tables, charts=report_charts(data), cell=format_cell,
        view=view, unit_views_tables=by_unit))


@allow(READERS)
def report_xlsx():
    period = current_period()
    buf = io.BytesIO()
    write_xlsx(build_report(period, station_codes=report_station_codes()), buf)
    buf.seek(0)
    return send_file(buf, as_attachment=True, download_name=f"baocao_{period.slug}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@allow(READERS)
def package():
    period = current_period()
    require_whole_network(_("Gói kiểm chứng"))
    user = current_actor()
    body = stream_package(period, created_by=user.username if user else "")
    resp = Response(stream_with_context(body), mimetype="application/zip")
    resp.headers["Content-Disposition"] = f'attachment; filename="kiemchung_{period.slug}.zip"'
    resp.headers["X-Accel-Buffering"] = "no"
    resp.headers["Cache-Control"] = "no-store"
    return resp


@allow(READERS)
def verify():
    files = request.args.get("files") == "1"
    report = verify_database(files=files)
    return render_template("archive/verify.html", **_context(
        current_period(), report=report, files=files, seals=latest_seals()))
