"""API routes of the scheduling feature: signed media downloads, schedules, iCalendar."""

from __future__ import annotations

from flask import current_app, send_file
from sqlalchemy import select

from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import MediaItem, Occurrence
from radio.storage import get_storage
from schedules import signing
from web.access import PUBLIC, allow
from web.api.blueprint import bp

OPENAPI_PATHS: dict = {
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
