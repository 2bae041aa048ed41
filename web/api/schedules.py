"""API routes of the scheduling feature: signed media downloads, schedules, iCalendar."""

from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, g, request, send_file
from sqlalchemy import select

from radio import clock
from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import MediaItem, Occurrence
from radio.storage import get_storage
from schedules import signing
from schedules.entries import calendar
from web.access import PUBLIC, STAFF, STATION, allow
from web.api.blueprint import bp

OPENAPI_PATHS: dict = {
    "/api/v1/stations/{code}/calendar.ics": {
        "get": {
            "summary": "A station's schedule as an iCalendar feed (one week back, ten ahead)",
            "description": "For calendar apps: pass the station token as `?token=`.",
            "security": [{"bearer": []}, {"tokenQuery": []}],
            "parameters": [{"name": "code", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "responses": {
                "200": {"description": "RFC 5545 calendar (UTC times)",
                        "content": {"text/calendar": {"schema": {"type": "string"}}}},
                "401": {"$ref": "#/components/responses/Error"},
                "403": {"$ref": "#/components/responses/Error"},
                "404": {"$ref": "#/components/responses/Error"},
            },
        }
    },
    "/api/v1/signed/{token}.mp3": {
        "get": {
            "summary": "A media file by a signed, expiring URL (as found in playlists)",
            "description": "No authentication: the token itself grants access to one file until "
                           "it expires. Supports HTTP Range and conditional requests.",
            "parameters": [{"name": "token", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "responses": {
                "200": {"description": "The audio file", "content": {"audio/mpeg": {}}},
                "206": {"description": "Part of the audio file (Range)"},
                "403": {"$ref": "#/components/responses/Error"},
                "404": {"$ref": "#/components/responses/Error"},
                "410": {"$ref": "#/components/responses/Error"},
            },
        }
    },
}


def _secret() -> str:
    return current_app.config["SECRET_KEY"]


@bp.get("/signed/<token>.mp3")
@allow(PUBLIC)
def signed_media(token: str):
    grant = signing.verify(_secret(), token)
    if grant.media_id is not None:
        ok = db.session.scalar(select(MediaItem.id).where(
            MediaItem.id == grant.media_id, MediaItem.rendition_sha256 == grant.sha256))
    else:
        ok = db.session.scalar(select(Occurrence.id).where(
            Occurrence.rendered_sha256 == grant.sha256).limit(1))
    storage = get_storage()
    if not ok or not storage.exists(grant.sha256):
        raise NotFound(_("Tệp không còn tồn tại hoặc đã được thay thế."), "media_gone")
    response = send_file(storage.path(grant.sha256), mimetype="audio/mpeg", conditional=True,
                         etag=grant.sha256, max_age=3600)
    response.headers["Accept-Ranges"] = "bytes"
    return response


@bp.get("/stations/<code>/calendar.ics")
@allow(STATION, STAFF, station_arg="code")
def station_calendar(code: str):
    start = clock.now() - timedelta(days=7)
    body = calendar.ical(g.station, start, start + timedelta(days=77), host=request.host)
    resp = Response(body, mimetype="text/calendar")
    resp.headers["Content-Disposition"] = f'inline; filename="{g.station.code}.ics"'
    return resp
