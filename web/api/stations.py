"""Station pull API: playlists, media audio with Range, as-run batches, heartbeats, `/now`.

Stations authenticate with their token (`Authorization: Bearer …` or `?token=…`); a token opens
its own station only. Staff sessions and staff API tokens reach the same routes.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Response, current_app, g, jsonify, request, send_file
from sqlalchemy import exists, func, or_, select

from radio import asrun
from radio.db import db
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import (
    AuditEntry,
    MediaItem,
    Occurrence,
    Programme,
    RundownItem,
    ScheduleEntry,
)
from radio.storage import get_storage
from schedules import playlists
from schedules.playlists.util import entries_for_station
from schedules.signing import expiry_for_day, media_url_builder
from web.access import STAFF, STATION, StationPrincipal, allow, api_error
from web.api.blueprint import bp


def _tz() -> ZoneInfo:
    return ZoneInfo(g.station.timezone or current_app.config["RADIO_SETTINGS"].tz_name)


FORMATS = {
    "json": "application/json",
    "m3u8": "audio/x-mpegurl; charset=utf-8",
    "xspf": "application/xspf+xml; charset=utf-8",
}
MAX_DAYS_AHEAD = 14


def _day_arg() -> date:
    value = request.args.get("date")
    tz = _tz()
    if not value:
        return datetime.now(tz).date()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise DomainError(_("Ngày “%(value)s” không đúng dạng YYYY-MM-DD.", value=value),
                          "invalid_date", field="date") from None
    if day > datetime.now(tz).date() + timedelta(days=MAX_DAYS_AHEAD):
        raise DomainError(_("Chỉ lấy được danh sách phát tối đa %(n)s ngày tới.", n=MAX_DAYS_AHEAD),
                          "date_too_far", field="date")
    return day


@bp.get("/stations/<code>/playlist")
@allow(STATION, STAFF, station_arg="code")
def station_playlist(code: str):
    fmt = request.args.get("format", "json")
    if fmt not in FORMATS:
        raise DomainError(_("Định dạng “%(fmt)s” không hỗ trợ (m3u8, xspf, json).", fmt=fmt),
                          "invalid_format", field="format")
    day = _day_arg()
    base = request.host_url
    key = (g.station.id, day, fmt, base)
    # Read the version before building, so a change made meanwhile is never cached as seen.
    version = _data_version() if _cache_seconds() > 0 else ()
    if request.if_none_match and _still_current(key, request.if_none_match, version):
        return _not_modified(_ETAGS[key][2])
    playlist = playlists.playlist_for(g.station.code, day)
    # One representation per format and base URL: each gets its own strong ETag.
    etag = hashlib.sha256(f"{playlist.etag}|{fmt}|{base}".encode()).hexdigest()[:40]
    _remember(key, etag, version)
    if request.if_none_match.contains(etag):
        return _not_modified(etag)
    url_for_media = media_url_builder(base, current_app.config["SECRET_KEY"],
                                      expiry_for_day(day, _tz()))
    if fmt == "json":
        resp = jsonify(playlists.to_json(playlist, url_for_media))
    elif fmt == "m3u8":
        resp = Response(playlists.to_m3u8(playlist, url_for_media), mimetype=FORMATS[fmt])
    else:
        resp = Response(playlists.to_xspf(playlist, url_for_media), mimetype=FORMATS[fmt])
    if fmt != "json":
        filename = f"{g.station.code}-{day.isoformat()}.{fmt}"
        resp.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    resp.set_etag(etag)
    resp.headers["Cache-Control"] = "private, no-cache"
    return resp


# -- the cheap 304 ------------------------------------------------------------------------------
# Most polls find their playlist unchanged. Building it costs a few queries and the layout; the
# ETag of the last build is kept per process for a while and reused while no staff change
# has been recorded since (every schedule change writes the audit log, so its newest id, with the
# newest entry id, is the version of the data). Time-dependent parts (an emergency running out, a media rendition
# replaced by a job) are at most RADIO_PLAYLIST_CACHE_S seconds late; /now is never cached.
_ETAGS: dict[tuple, tuple[float, tuple, str]] = {}


def _cache_seconds() -> float:
    return float(os.environ.get("RADIO_PLAYLIST_CACHE_S", "120"))


def _data_version() -> tuple:
    return tuple(db.session.execute(select(
        select(func.max(AuditEntry.id)).scalar_subquery(),
        select(func.max(ScheduleEntry.id)).scalar_subquery())).one())


def _still_current(key: tuple, if_none_match, version: tuple) -> bool:
    hit = _ETAGS.get(key)
    return (hit is not None and time.monotonic() <= hit[0] and hit[1] == version
            and if_none_match.contains(hit[2]))


def _remember(key: tuple, etag: str, version: tuple) -> None:
    ttl = _cache_seconds()
    if ttl <= 0:
        return
    if len(_ETAGS) > 50_000:
        _ETAGS.clear()
    _ETAGS[key] = (time.monotonic() + ttl, version, etag)


def _not_modified(etag: str) -> Response:
    resp = Response(status=304)
    resp.set_etag(etag)
    resp.headers["Cache-Control"] = "private, no-cache"
    return resp


@bp.get("/stations/<code>/now")
@allow(STATION, STAFF, station_arg="code")
def station_now(code: str):
    now = datetime.now(UTC)
    entries = entries_for_station(g.station.id, now - timedelta(seconds=1), now + timedelta(seconds=1))
    emergency = playlists.emergency_dict(playlists.active_emergency(entries, now), _tz())
    return jsonify({"station": g.station.code, "now": now.astimezone(_tz()).isoformat(),
                    "emergency": emergency})


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise DomainError(_("Nội dung phải là JSON (Content-Type: application/json)."),
                          "invalid_json")
    return body


def _start_write() -> None:
    # End the read transaction the access check opened, so that the write that follows starts
    # a fresh one (SQLite cannot upgrade a stale read snapshot to a writer).
    db.session.commit()


@bp.post("/stations/<code>/asrun")
@allow(STATION, STAFF, station_arg="code")
def station_asrun(code: str):
    body = _json_body()
    events = body.get("events")
    if not isinstance(events, list) or not events:
        raise DomainError(_("Cần danh sách “events” không rỗng."), "invalid_batch", field="events")
    _start_write()
    actor = None if isinstance(g.principal, StationPrincipal) else g.principal
    result = asrun.ingest(g.station, events, actor=actor)
    db.session.commit()
    answer = result.as_dict()
    if not result.new and not result.known:
        return api_error(422, "all_rejected", _("Không sự kiện nào hợp lệ."),
                         **{k: v for k, v in answer.items() if k != "partial"})
    return jsonify(answer), 200


@bp.post("/stations/<code>/heartbeat")
@allow(STATION, STAFF, station_arg="code")
def station_heartbeat(code: str):
    body = _json_body()
    _start_write()
    beat = asrun.record_heartbeat(g.station, body)
    db.session.commit()
    return jsonify({"received_at": beat.received_at.isoformat(),
                    "server_time": datetime.now(UTC).isoformat()})


def scheduled_on(media_id: int, station_id: int) -> bool:
    """Whether a media item is part of anything scheduled on a station (item, rundown, jingle)."""
    direct = exists().where(ScheduleEntry.station_id == station_id,
                            ScheduleEntry.media_item_id == media_id)
    in_rundown = (exists().where(ScheduleEntry.station_id == station_id,
                                 ScheduleEntry.occurrence_id == RundownItem.occurrence_id,
                                 RundownItem.media_item_id == media_id))
    jingle = (exists().where(ScheduleEntry.station_id == station_id,
                             ScheduleEntry.occurrence_id == Occurrence.id,
                             Occurrence.programme_id == Programme.id,
                             or_(Programme.intro_media_id == media_id,
                                 Programme.outro_media_id == media_id)))
    return bool(db.session.scalar(select(or_(direct, in_rundown, jingle))))


@bp.get("/media/<int:media_id>/audio")
@allow(STATION, STAFF)
def media_audio(media_id: int):
    item = db.session.get(MediaItem, media_id)
    principal = g.principal
    hidden = item is None or (isinstance(principal, StationPrincipal)
                              and not scheduled_on(item.id, principal.station.id))
    if hidden:
        # A station never learns whether media scheduled elsewhere exists.
        raise NotFound(_("Không có tệp âm thanh này."), "media_not_found")
    sha = item.rendition_sha256 or item.original_sha256
    storage = get_storage()
    if not storage.exists(sha):
        raise NotFound(_("Tệp âm thanh chưa có trong kho."), "media_missing")
    if item.rendition_sha256:
        mimetype, ext = "audio/mpeg", "mp3"
    else:
        mimetype = mimetypes.guess_type(item.original_name)[0] or "application/octet-stream"
        ext = (item.original_name.rsplit(".", 1)[-1] if "." in item.original_name else "bin")
    resp = send_file(storage.path(sha), mimetype=mimetype, conditional=True, etag=sha,
                     download_name=f"media-{item.id}.{ext}", max_age=86400)
    resp.headers["X-Content-SHA256"] = sha
    resp.headers["Cache-Control"] = "private, max-age=86400, immutable"
    return resp


# -- OpenAPI -----------------------------------------------------------------------------------

_SECURITY = [{"bearer": []}, {"tokenQuery": []}]
_CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"},
         "description": "Station code, e.g. gio-an"}
_ERR = {"$ref": "#/components/responses/Error"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_PLAYLIST_ITEM = {
    "type": "object",
    "required": ["position", "entry_id", "kind", "priority", "starts_at", "duration_s", "title"],
    "properties": {
        "position": {"type": "integer"}, "entry_id": {"type": "integer"},
        "kind": {"enum": ["media", "relay"]},
        "priority": {"enum": ["normal", "priority", "emergency"]},
        "starts_at": {"type": "string", "format": "date-time"},
        "ends_at": {"type": "string", "format": "date-time"},
        "duration_s": {"type": "number"}, "title": {"type": "string"},
        "entry_title": {"type": "string"}, "media_id": {"type": ["integer", "null"]},
        "sha256": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]},
        "relay_url": {"type": ["string", "null"]}, "relay_station": {"type": ["string", "null"]},
        "repeat": {"type": "integer"}, "shifted_s": {"type": "number"},
    },
}
_EMERGENCY = {
    "type": ["object", "null"],
    "properties": {"entry_id": {"type": "integer"}, "title": {"type": "string"},
                   "starts_at": {"type": "string", "format": "date-time"},
                   "repeat_every_s": {"type": ["integer", "null"]},
                   "until": {"type": ["string", "null"], "format": "date-time"}},
}
_PLAYLIST = {
    "type": "object",
    "required": ["station", "date", "timezone", "etag", "emergency", "items"],
    "properties": {
        "station": {"type": "object", "properties": {"code": {"type": "string"},
                                                     "name": {"type": "string"}}},
        "date": {"type": "string", "format": "date"}, "timezone": {"type": "string"},
        "etag": {"type": "string"}, "emergency": _EMERGENCY, "total_s": {"type": "number"},
        "items": {"type": "array", "items": _PLAYLIST_ITEM},
    },
}
_ASRUN_EVENT = {
    "type": "object",
    "required": ["id", "status", "started_at"],
    "properties": {
        "id": {"type": "string", "format": "uuid",
               "description": "Chosen by the station; makes the upload idempotent"},
        "entry_id": {"type": ["integer", "null"]},
        "media_sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
        "started_at": {"type": "string", "format": "date-time",
                       "description": "ISO 8601 with an offset"},
        "ended_at": {"type": ["string", "null"], "format": "date-time"},
        "status": {"enum": ["aired", "partial", "skipped", "failed"]},
        "note": {"type": "string", "maxLength": asrun.MAX_NOTE},
    },
}
_REJECTED = {"type": "array", "items": {
    "type": "object", "required": ["index", "code", "reason"],
    "properties": {"index": {"type": "integer"}, "id": {"type": ["string", "null"]},
                   "code": {"type": "string"}, "reason": {"type": "string"}}}}
_ASRUN_ANSWER = {
    "type": "object", "required": ["accepted", "already_known", "rejected", "partial"],
    "properties": {"accepted": {"type": "integer", "description": "New events stored"},
                   "already_known": {"type": "integer"}, "rejected": _REJECTED,
                   "partial": {"type": "boolean",
                               "description": "Some events were stored and some rejected"}},
}

OPENAPI_PATHS = {
    "/api/v1/stations/{code}/playlist": {
        "get": {
            "summary": "A station's playlist for a local day",
            "operationId": "stationPlaylist",
            "security": _SECURITY,
            "parameters": [
                _CODE,
                {"name": "date", "in": "query", "schema": {"type": "string", "format": "date"},
                 "description": "Local day, YYYY-MM-DD (default today)"},
                {"name": "format", "in": "query",
                 "schema": {"enum": ["json", "m3u8", "xspf"], "default": "json"}},
                {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}},
            ],
            "responses": {
                "200": {"description": "The playlist; media URLs are signed and need no token",
                        "headers": {"ETag": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": _PLAYLIST},
                                    "audio/x-mpegurl": {"schema": {"type": "string"}},
                                    "application/xspf+xml": {"schema": {"type": "string"}}}},
                "304": {"description": "Unchanged since the ETag given in If-None-Match"},
                "400": _ERR, "401": _ERR, "403": _ERR, "404": _ERR,
            },
        }
    },
    "/api/v1/stations/{code}/now": {
        "get": {
            "summary": "The emergency state of a station, cheap enough to poll every few seconds",
            "operationId": "stationNow",
            "security": _SECURITY,
            "parameters": [_CODE],
            "responses": {
                "200": _json({"type": "object", "required": ["station", "now", "emergency"],
                              "properties": {"station": {"type": "string"},
                                             "now": {"type": "string", "format": "date-time"},
                                             "emergency": _EMERGENCY}}, "Emergency state"),
                "401": _ERR, "403": _ERR, "404": _ERR,
            },
        }
    },
    "/api/v1/stations/{code}/asrun": {
        "post": {
            "summary": "Report what aired: an idempotent batch of as-run events",
            "description": "Events are stored once by their id, however often and late they "
                           "arrive. Invalid events are rejected with their index and reason; "
                           "the valid ones in the same batch are stored.",
            "operationId": "stationAsRun",
            "security": _SECURITY,
            "parameters": [_CODE],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["events"],
                "properties": {"events": {"type": "array", "minItems": 1,
                                          "maxItems": asrun.MAX_BATCH, "items": _ASRUN_EVENT}},
            }}}},
            "responses": {
                "200": _json(_ASRUN_ANSWER, "Counts of new and known events, and rejections"),
                "400": _ERR, "401": _ERR, "403": _ERR, "404": _ERR,
                "422": _json({"type": "object", "required": ["error"], "properties": {
                    "error": {"type": "object", "properties": {
                        "code": {"type": "string"}, "message": {"type": "string"},
                        "rejected": _REJECTED}}}}, "Every event was rejected"),
            },
        }
    },
    "/api/v1/stations/{code}/heartbeat": {
        "post": {
            "summary": "The station agent is alive: version, cache, free disk, now playing",
            "operationId": "stationHeartbeat",
            "security": _SECURITY,
            "parameters": [_CODE],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object",
                "properties": {"agent_version": {"type": "string"},
                               "free_disk_bytes": {"type": "integer", "minimum": 0},
                               "now_playing": {"type": "string"},
                               "cache": {"type": "object"}},
            }}}},
            "responses": {
                "200": _json({"type": "object", "required": ["received_at", "server_time"],
                              "properties": {"received_at": {"type": "string"},
                                             "server_time": {"type": "string"}}}, "Stored"),
                "400": _ERR, "401": _ERR, "403": _ERR, "404": _ERR,
            },
        }
    },
    "/api/v1/media/{media_id}/audio": {
        "get": {
            "summary": "Download a media file (HTTP Range, ETag); stations only get what is "
                       "scheduled on them",
            "operationId": "mediaAudio",
            "security": _SECURITY,
            "parameters": [
                {"name": "media_id", "in": "path", "required": True,
                 "schema": {"type": "integer"}},
                {"name": "Range", "in": "header", "schema": {"type": "string"},
                 "description": "bytes=N- to resume an interrupted download"},
            ],
            "responses": {
                "200": {"description": "The whole file",
                        "headers": {"ETag": {"schema": {"type": "string"}},
                                    "Content-Length": {"schema": {"type": "integer"}},
                                    "X-Content-SHA256": {"schema": {"type": "string"}}},
                        "content": {"audio/mpeg": {"schema": {"type": "string",
                                                              "contentMediaType": "audio/mpeg"}}}},
                "206": {"description": "The requested byte range",
                        "content": {"audio/mpeg": {"schema": {"type": "string"}}}},
                "304": {"description": "Unchanged (If-None-Match)"},
                "401": _ERR, "404": _ERR,
                "416": {"description": "Range not satisfiable"},
            },
        }
    },
}
