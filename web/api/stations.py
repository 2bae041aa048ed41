"""Station pull API: playlists (with a cheap 304) and `/now`. As-run batches and heartbeats are
in web.api.asrun, media audio with Range in web.api.media.

Stations authenticate with their token (`Authorization: Bearer …` or `?token=…`); a token opens
its own station only. Staff sessions and staff API tokens reach the same routes.
"""

from __future__ import annotations

import hashlib
import time
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from flask import Response, current_app, g, jsonify, request
from sqlalchemy import func, select

from media.streams.urls import relay_url_builder
from radio import clock
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import AuditEntry, ScheduleEntry
from schedules.playlists.builder import active_emergency, emergency_dict
from schedules.playlists.formats import to_json, to_m3u8, to_xspf
from schedules.playlists.util import entries_for_station, playlist_for
from schedules.signing import expiry_for_day, media_url_builder
from web.access import STAFF, STATION, allow
from web.api.blueprint import ERR, STATION_CODE, STATION_SECURITY, bp, json_answer
from web.api.commands import COMMAND, now_commands
from web.args import API_DATE, parse_date


def _tz() -> ZoneInfo:
    return clock.zone(g.station.timezone)


FORMATS = {
    "json": "application/json",
    "m3u8": "audio/x-mpegurl; charset=utf-8",
    "xspf": "application/xspf+xml; charset=utf-8",
}
MAX_DAYS_AHEAD = 14


def _day_arg() -> date:
    tz = _tz()
    day = parse_date(request.args.get("date"), "date", default=clock.today(tz),
                     iso_only=True, message=API_DATE)
    if day > clock.today(tz) + timedelta(days=MAX_DAYS_AHEAD):
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
    playlist = playlist_for(g.station.code, day)
    # One representation per format and base URL: each gets its own strong ETag.
    # The relay URLs carry a grant bound to the station's current token: a new token, new ETag.
    etag = hashlib.sha256(f"{playlist.etag}|{fmt}|{base}|{g.station.token_hash}".encode()
                          ).hexdigest()[:40]
    _remember(key, etag, version)
    if request.if_none_match.contains(etag):
        return _not_modified(etag)
    secret, expires = current_app.config["SECRET_KEY"], expiry_for_day(day, _tz())
    relay = relay_url_builder(current_app.config["RADIO_SETTINGS"], secret, g.station, expires)
    url_for_media = media_url_builder(base, secret, expires, relay)
    if fmt == "json":
        resp = jsonify(to_json(playlist, url_for_media))
    elif fmt == "m3u8":
        resp = Response(to_m3u8(playlist, url_for_media), mimetype=FORMATS[fmt])
    else:
        resp = Response(to_xspf(playlist, url_for_media), mimetype=FORMATS[fmt])
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
    return current_app.config["RADIO_SETTINGS"].playlist_cache_s


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
    now = clock.now()
    entries = entries_for_station(g.station.id, now - timedelta(seconds=1), now + timedelta(seconds=1))
    emergency = emergency_dict(active_emergency(entries, now), _tz())
    return jsonify({"station": g.station.code, "now": now.astimezone(_tz()).isoformat(),
                    "emergency": emergency, "commands": now_commands(g.station, now)})


# -- OpenAPI -----------------------------------------------------------------------------------

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
        "clusters": {
            "type": "array",
            "description": "The loudspeaker clusters (cụm loa) of the station the item is for; "
                           "empty: the whole station. An emergency is always for every "
                           "cluster (empty). In m3u8 a `# clusters:` comment and in XSPF a "
                           "`urn:radio:clusters` meta say the same (`all` for an emergency).",
            "items": {"type": "object", "required": ["code", "name"],
                      "properties": {"code": {"type": "string"}, "name": {"type": "string"}}}},
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
OPENAPI_PATHS = {
    "/api/v1/stations/{code}/playlist": {
        "get": {
            "summary": "A station's playlist for a local day",
            "operationId": "stationPlaylist",
            "security": STATION_SECURITY,
            "parameters": [
                STATION_CODE,
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
                "400": ERR, "401": ERR, "403": ERR, "404": ERR,
            },
        }
    },
    "/api/v1/stations/{code}/now": {
        "get": {
            "summary": "The emergency state and pending commands of a station, cheap enough to "
                       "poll every few seconds",
            "operationId": "stationNow",
            "security": STATION_SECURITY,
            "parameters": [STATION_CODE],
            "responses": {
                "200": json_answer({"type": "object", "required": ["station", "now", "emergency"],
                              "properties": {"station": {"type": "string"},
                                             "now": {"type": "string", "format": "date-time"},
                                             "emergency": _EMERGENCY,
                                             "commands": {"type": "array",
                                                          "items": COMMAND}}},
                                    "Emergency state and pending commands"),
                "401": ERR, "403": ERR, "404": ERR,
            },
        }
    },
}
