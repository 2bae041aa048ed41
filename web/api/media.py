"""API routes of the media library: staff upload (multipart), list and item metadata."""

from __future__ import annotations

from datetime import date

from flask import jsonify, request

from media import services
from media.services import item_json
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from web.access import EDITORS, READERS, allow, api_error, current_actor
from web.api.blueprint import bp

_ITEM = {"$ref": "#/components/schemas/MediaItem"}
_ERR = {"$ref": "#/components/responses/Error"}

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
                    "valid_until": {"type": "string", "format": "date"}}}}}},
            "responses": {
                "201": {"description": "Ingested", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {"item": _ITEM}}}}},
                "200": {"description": "Duplicate: the same bytes are already in the library",
                        "content": {"application/json": {"schema": {"type": "object"}}}},
                "400": _ERR, "401": _ERR, "403": _ERR,
                "413": _ERR, "422": _ERR},
        },
        "get": {
            "summary": "List library items (filters: q, topic, agency, kind, validity, status)",
            "security": [{"bearer": []}],
            "responses": {"200": {"description": "Items", "content": {"application/json": {
                "schema": {"type": "object", "properties": {
                    "items": {"type": "array", "items": _ITEM}}}}}},
                "401": _ERR, "403": _ERR},
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
                "401": _ERR, "403": _ERR, "404": _ERR},
        }
    },
}

MEDIA_ITEM_SCHEMA = {
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
    },
}


def register_schema() -> None:
    from web.api.openapi import COMPONENTS

    COMPONENTS["schemas"].setdefault("MediaItem", MEDIA_ITEM_SCHEMA)


register_schema()


def parse_date(value: str | None, field: str) -> date | None:
    """ISO (yyyy-mm-dd) or the on-screen dd/mm/yyyy."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if "/" in value:
            d, m, y = value.split("/")
            return date(int(y), int(m), int(d))
        return date.fromisoformat(value)
    except ValueError:
        raise DomainError(_("Ngày “%(value)s” không hợp lệ (dd/mm/yyyy).", value=value),
                          "invalid_date", field=field) from None


def ingest_upload(upload, form) -> tuple[services.IngestResult, int]:
    """Shared by the API and the library page: one uploaded file through the one service."""
    result = services.ingest_stream(
        current_actor(), upload.stream,
        original_name=upload.filename or "upload",  # kept as text only, never as a path
        title=form.get("title") or None, topics=form.getlist("topic"),
        agency=form.get("agency") or None, kind=form.get("kind") or "news",
        author=form.get("author", ""), summary=form.get("summary", ""),
        valid_from=parse_date(form.get("valid_from"), "valid_from"),
        valid_until=parse_date(form.get("valid_until"), "valid_until"))
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
    flt = services.LibraryFilter(
        q=request.args.get("q", ""), topic=request.args.get("topic", ""),
        agency=request.args.get("agency", ""), kind=request.args.get("kind", ""),
        validity=request.args.get("validity", ""), status=request.args.get("status", "ready"))
    return jsonify({"items": [item_json(i) for i in services.list_items(flt)]})


@bp.get("/media/<int:item_id>")
@allow(READERS)
def media_get(item_id: int):
    return jsonify({"item": item_json(services.get_item(item_id))})
