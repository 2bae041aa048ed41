"""API routes of the media library: staff upload (multipart), list, item metadata, and the
audio download that stations and staff share."""

from __future__ import annotations

import mimetypes
import re

from flask import g, jsonify, request, send_file
from sqlalchemy import exists, or_, select

from media import ingest
from media import util as media_util
from media.util import item_json
from radio.archive.export import slugify
from radio.db import db
from radio.errors import NotFound
from radio.fleet import command_util
from radio.i18n import _
from radio.models import MediaItem, Occurrence, Programme, RundownItem, ScheduleEntry
from radio.storage import get_storage
from web.access import (
    EDITORS,
    READERS,
    STAFF,
    STATION,
    StationPrincipal,
    allow,
    api_error,
    current_actor,
)
from web.api.blueprint import ERR, STATION_SECURITY, bp
from web.args import UPLOAD_DATE, parse_date

_ITEM = {"$ref": "#/components/schemas/MediaItem"}

OPENAPI_PATHS = {
    "/api/v1/media": {
        "post": {
            "summary": "Upload one audio file into the library (staff token, or session + "
                       "X-CSRFToken header)",
            "security": [{"bearer": []}],
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "title": {"type": "string"},
                    "topic": {"type": "array", "items": {"type": "string"},
                              "description": "topic slugs (repeat the field)"},
                    "agency": {"type": "string"},
                    "kind": {"type": "string", "enum": ["news", "article", "report", "jingle"]},
                    "author": {"type": "string"}, "summary": {"type": "string"},
                    "valid_from": {"type": "string", "format": "date"},
                    "valid_until": {"type": "string", "format": "date"},
                    "language": {"type": "string", "pattern": "^[a-z]{2,3}$",
                                 "description": "ISO 639-3 code of a known language "
                                                "(default vi)"},
                    "source_doc_number": {"type": "string", "maxLength": 100},
                    "source_doc_date": {"type": "string", "format": "date"},
                    "rights_note": {"type": "string", "maxLength": 500}}}}}},
            "responses": {
                "201": {"description": "Ingested", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {"item": _ITEM}}}}},
                "200": {"description": "Duplicate: the same bytes are already in the library",
                        "content": {"application/json": {"schema": {"type": "object"}}}},
                "400": ERR, "401": ERR, "403": ERR,
                "413": ERR, "422": ERR},
        },
        "get": {
            "summary": "List library items (filters: q, topic, agency, kind, language, "
                       "validity, status)",
            "security": [{"bearer": []}],
            "responses": {"200": {"description": "Items", "content": {"application/json": {
                "schema": {"type": "object", "properties": {
                    "items": {"type": "array", "items": _ITEM}}}}}},
                "401": ERR, "403": ERR},
        },
    },
    "/api/v1/media/{item_id}": {
        "get": {
            "summary": "One library item with checksums and loudness",
            "security": [{"bearer": []}],
            "parameters": [{"name": "item_id", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "The item", "content": {"application/json": {
                "schema": {"type": "object", "properties": {"item": _ITEM}}}}},
                "401": ERR, "403": ERR, "404": ERR},
        }
    },
    "/api/v1/media/{media_id}/audio": {
        "get": {
            "summary": "Download a media file (HTTP Range, ETag); stations only get what is "
                       "scheduled on them",
            "operationId": "mediaAudio",
            "security": STATION_SECURITY,
            "parameters": [
                {"name": "media_id", "in": "path", "required": True,
                 "schema": {"type": "integer"}},
                {"name": "Range", "in": "header", "schema": {"type": "string"},
                 "description": "bytes=N- to resume an interrupted download"},
                {"name": "at", "in": "query",
                 "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{4}$"},
                 "description": "airing date and time (2026-12-03_0540): the file is then "
                                "named 2026-12-03_0540_<title>.mp3, for USB sticks"},
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
                "401": ERR, "404": ERR,
                "416": {"description": "Range not satisfiable"},
            },
        }
    },
}

OPENAPI_SCHEMAS = {"MediaItem": {
    "type": "object",
    "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"}, "kind": {"type": "string"},
        "status": {"type": "string"}, "sha256": {"type": "string"},
        "rendition_sha256": {"type": ["string", "null"]}, "duration_s": {"type": "number"},
        "loudness_lufs": {"type": ["number", "null"]},
        "loudness_in_lufs": {"type": ["number", "null"]},
        "true_peak_in_dbtp": {"type": ["number", "null"]},
        "true_peak_out_dbtp": {"type": ["number", "null"]},
        "topics": {"type": "array", "items": {"type": "string"}},
        "agency": {"type": ["string", "null"]}, "duplicate": {"type": "boolean"},
        "language": {"type": "string"}, "source_doc_number": {"type": "string"},
        "source_doc_date": {"type": ["string", "null"], "format": "date"},
        "rights_note": {"type": "string"},
    },
}}


def source_fields(form, *, partial: bool = False) -> dict:
    """Language and provenance from a form or multipart body (checked in media.fields).
    `partial`: only the fields the form sent (an edit keeps the others)."""
    out = {"language": form.get("language") or "vi",
           "source_doc_number": form.get("source_doc_number", ""),
           "source_doc_date": parse_date(form.get("source_doc_date"), "source_doc_date",
                                         message=UPLOAD_DATE),
           "rights_note": form.get("rights_note", "")}
    return {k: v for k, v in out.items() if k in form} if partial else out


def ingest_upload(upload, form) -> tuple[ingest.IngestResult, int]:
    """Shared by the API and the library page: one uploaded file through the one service."""
    result = ingest.ingest_stream(
        current_actor(), upload.stream,
        original_name=upload.filename or "upload",  # kept as text only, never as a path
        title=form.get("title") or None, topics=form.getlist("topic"),
        agency=form.get("agency") or None, kind=form.get("kind") or "news",
        author=form.get("author", ""), summary=form.get("summary", ""),
        valid_from=parse_date(form.get("valid_from"), "valid_from", message=UPLOAD_DATE),
        valid_until=parse_date(form.get("valid_until"), "valid_until", message=UPLOAD_DATE),
        **source_fields(form))
    db.session.commit()
    return result, 200 if result.duplicate else 201


@bp.post("/media")
@allow(EDITORS)
def media_upload():
    upload = request.files.get("file")
    if upload is None:
        return api_error(400, "file_required", _("Thiếu tệp âm thanh (trường “file”)."))
    result, status = ingest_upload(upload, request.form)
    body = {"item": item_json(result.item, duplicate=result.duplicate)}
    if result.duplicate:
        body["message"] = _("Tệp này đã có trong thư viện (số %(id)s: %(title)s); "
                            "không lưu thêm.", id=result.item.id, title=result.item.title)
    return jsonify(body), status


@bp.get("/media")
@allow(READERS)
def media_list():
    flt = media_util.LibraryFilter(
        q=request.args.get("q", ""), topic=request.args.get("topic", ""),
        agency=request.args.get("agency", ""), kind=request.args.get("kind", ""),
        language=request.args.get("language", ""),
        validity=request.args.get("validity", ""), status=request.args.get("status", "ready"))
    return jsonify({"items": [item_json(i) for i in media_util.list_items(flt)]})


@bp.get("/media/<int:item_id>")
@allow(READERS)
def media_get(item_id: int):
    return jsonify({"item": item_json(media_util.get_item(item_id))})


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


AIRING = re.compile(r"^\d{4}-\d{2}-\d{2}_\d{4}$")


def download_name(item: MediaItem, ext: str, at: str) -> str:
    """media-12.mp3, or with ?at= the airing's date, time and title: files copied to a USB
    stick sort in airing order and say what they are."""
    if AIRING.match(at):
        return f"{at}_{slugify(item.title)}.{ext}"
    return f"media-{item.id}.{ext}"


@bp.get("/media/<int:media_id>/audio")
@allow(STATION, STAFF)
def media_audio(media_id: int):
    item = db.session.get(MediaItem, media_id)
    principal = g.principal
    hidden = item is None or (isinstance(principal, StationPrincipal)
                              and not scheduled_on(item.id, principal.station.id)
                              and not command_util.play_open(item.id, principal.station.id))
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
                     download_name=download_name(item, ext, request.args.get("at", "")),
                     max_age=86400)
    resp.headers["X-Content-SHA256"] = sha
    resp.headers["Cache-Control"] = "private, max-age=86400, immutable"
    return resp
