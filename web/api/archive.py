"""Archive API for auditors' tools: report data, integrity check and the verification package."""

from __future__ import annotations

from flask import Response, jsonify, request, stream_with_context

from radio import clock
from radio.archive.export import stream_package
from radio.archive.reports.data import build_report
from radio.archive.reports.tables import build_tables
from radio.archive.verify import verify_database
from radio.i18n import _
from web.access import READERS, allow, current_actor, report_station_codes, require_whole_network
from web.api.blueprint import ERR, bp
from web.args import period_arg

_PERIOD_PARAMS = [
    {"name": "period", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "2022, 2022-H1, 2022-Q3, 2022-05 or 2022-01-01..2022-03-31"},
    {"name": "window", "in": "query", "required": False,
     "schema": {"type": "string", "enum": ["cchc", "calendar"], "default": "cchc"}},
]
OPENAPI_PATHS: dict = {
    "/api/v1/archive/report": {"get": {
        "summary": "Report tables of a period (broadcasts, minutes, compliance, items)",
        "parameters": _PERIOD_PARAMS, "security": [{"bearer": []}],
        "responses": {"200": {"description": "Period and tables",
                              "content": {"application/json": {"schema": {"type": "object"}}}},
                      "400": ERR, "401": ERR, "403": ERR}}},
    "/api/v1/archive/verify": {"get": {
        "summary": "Recompute the as-run and audit hash chains and the daily seals",
        "security": [{"bearer": []}],
        "responses": {"200": {"description": "ok, rows checked, chain heads, problems",
                              "content": {"application/json": {"schema": {"type": "object"}}}},
                      "401": ERR, "403": ERR}}},
    "/api/v1/archive/package.zip": {"get": {
        "summary": "The verification package of a period (streamed ZIP)",
        "parameters": _PERIOD_PARAMS, "security": [{"bearer": []}],
        "responses": {"200": {"description": "ZIP",
                              "content": {"application/zip": {"schema": {
                                  "type": "string", "format": "binary"}}}},
                      "400": ERR, "401": ERR, "403": ERR}}},
}


def _jsonable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@bp.get("/archive/report")
@allow(READERS)
def archive_report():
    period = period_arg(request.args, default=str(clock.today().year))
    data = build_report(period, station_codes=report_station_codes())
    return jsonify({
        "period": {"key": period.key, "window": period.window, "label": period.label,
                   "first_day": period.start.isoformat(), "last_day": period.end.isoformat()},
        "totals": {"broadcasts": data.total_broadcasts, "minutes": data.total_minutes,
                   "scheduled": data.total_scheduled, "aired_scheduled":
                       data.total_aired_scheduled, "compliance": data.compliance},
        "tables": [{"key": t.key, "title": t.title, "headers": t.headers,
                    "rows": [[_jsonable(v) for v in row] for row in t.rows],
                    "total": t.total} for t in build_tables(data)],
    })


@bp.get("/archive/verify")
@allow(READERS)
def archive_verify():
    return jsonify(verify_database(files=False).as_dict())


@bp.get("/archive/package.zip")
@allow(READERS)
def archive_package():
    period = period_arg(request.args, default=str(clock.today().year))
    require_whole_network(_("Gói kiểm chứng"))
    user = current_actor()
    resp = Response(stream_with_context(stream_package(
        period, created_by=user.username if user else "")), mimetype="application/zip")
    resp.headers["Content-Disposition"] = f'attachment; filename="kiemchung_{period.slug}.zip"'
    return resp
