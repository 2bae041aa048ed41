"""Library pages: search and filter, listen, item detail, upload, edit, retire and delete."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for

from media import operations as media_ops
from media import util as media_util
from radio import reference
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.languages.util import list_languages, names
from radio.models import MediaKind
from radio.storage import get_storage
from web.access import EDITORS, READERS, allow, current_actor
from web.api.media import ingest_upload, source_fields
from web.args import UPLOAD_DATE, parse_date


def kind_labels() -> dict[str, str]:
    return {MediaKind.news.value: _("Tin"), MediaKind.article.value: _("Bài"),
            MediaKind.report.value: _("Phóng sự"), MediaKind.jingle.value: _("Hiệu chuyên mục"),
            MediaKind.live.value: _("Bản ghi phát trực tiếp")}


def _choices() -> dict:
    return {"topics": reference.list_topics(), "agencies": reference.list_agencies(),
            "kinds": kind_labels(), "languages": list_languages(), "language_names": names()}


@allow(READERS)
def index():
    flt = media_util.LibraryFilter(
        q=request.args.get("q", ""), topic=request.args.get("topic", ""),
        agency=request.args.get("agency", ""), kind=request.args.get("kind", ""),
        language=request.args.get("language", ""),
        validity=request.args.get("validity", ""), status=request.args.get("status", "ready"))
    items = media_util.list_items(flt)
    return render_template("library/index.html", items=items, flt=flt, **_choices())


@dataclass
class UploadOutcome:
    """One file of a plain (script-free) form upload, as the page shows it."""

    name: str
    state: str  # ok | duplicate | failed
    item: object = None
    code: str = ""
    message: str = ""


def _ingest_form_files() -> list[UploadOutcome]:
    """The form post without JavaScript: every file through the same service as the API."""
    outcomes = []
    for upload in request.files.getlist("file"):
        if not upload.filename:
            continue
        try:
            result, _status = ingest_upload(upload, request.form)
        except DomainError as exc:
            db.session.rollback()
            outcomes.append(UploadOutcome(upload.filename, "failed", code=exc.code,
                                          message=exc.message))
            continue
        outcomes.append(UploadOutcome(upload.filename, "duplicate" if result.duplicate else "ok",
                                      item=result.item))
    return outcomes


@allow(EDITORS)
def upload():
    settings = current_app.config["RADIO_SETTINGS"]
    results = []
    if request.method == "POST":
        results = _ingest_form_files()
        if not results:
            flash(_("Hãy chọn ít nhất một tệp âm thanh."), "warn")
    status = 400 if request.method == "POST" and not results else 200
    return render_template("library/upload.html", max_bytes=settings.max_upload_bytes,
                           results=results,
                           new_items=[r.item for r in results if r.state == "ok"],
                           **_choices()), status


@allow(EDITORS)
def edit_list():
    """Save the editable list shown after an upload: one row of fields per item."""
    ids = request.form.getlist("item_id")
    saved = 0
    for item_id in ids:
        item = media_util.get_item(int(item_id))
        prefix = f"i{item_id}-"
        media_ops.update_item(
            current_actor(), item, title=request.form.get(prefix + "title", item.title),
            kind=request.form.get(prefix + "kind", item.kind.value),
            agency=request.form.get(prefix + "agency") or None,
            topics=request.form.getlist(prefix + "topic"))
        saved += 1
    db.session.commit()
    flash(_("Đã lưu %(n)d mục.", n=saved))
    return redirect(url_for("library.index"))


@allow(READERS)
def item(item_id: int):
    obj = media_util.get_item(item_id)
    return render_template("library/item.html", item=obj, may_delete=media_util.may_delete(obj),
                           **_choices())


@allow(EDITORS)
def edit(item_id: int):
    obj = media_util.get_item(item_id)
    f = request.form
    media_ops.update_item(
        current_actor(), obj, title=f.get("title", obj.title), kind=f.get("kind", "news"),
        agency=f.get("agency") or None, topics=f.getlist("topic"), author=f.get("author", ""),
        summary=f.get("summary", ""),
        valid_from=parse_date(f.get("valid_from"), "valid_from", message=UPLOAD_DATE),
        valid_until=parse_date(f.get("valid_until"), "valid_until", message=UPLOAD_DATE),
        **source_fields(f, partial=True))
    db.session.commit()
    flash(_("Đã lưu thay đổi."))
    return redirect(url_for("library.item", item_id=obj.id))


@allow(EDITORS)
def retire(item_id: int):
    obj = media_util.get_item(item_id)
    media_ops.retire_item(current_actor(), obj)
    db.session.commit()
    flash(_("Đã ngừng sử dụng mục này: không thể xếp lịch phát, vẫn được lưu trữ."))
    return redirect(url_for("library.item", item_id=obj.id))


@allow(EDITORS)
def restore(item_id: int):
    obj = media_util.get_item(item_id)
    media_ops.restore_item(current_actor(), obj)
    db.session.commit()
    flash(_("Đã dùng lại mục này."))
    return redirect(url_for("library.item", item_id=obj.id))


@allow(EDITORS)
def delete(item_id: int):
    obj = media_util.get_item(item_id)
    title = obj.title
    deleted = media_ops.delete_item(current_actor(), obj)
    db.session.commit()
    if deleted:
        flash(_("Đã xóa “%(title)s”.", title=title))
        return redirect(url_for("library.index"))
    flash(_("Không xóa được “%(title)s”: mục đã được phát hoặc đang được dùng trong lịch, "
            "chuyên mục hay hồ sơ lưu trữ, nên phải giữ làm tài liệu kiểm chứng. "
            "Mục đã được chuyển sang ngừng sử dụng.", title=title), "warn")
    return redirect(url_for("library.item", item_id=item_id))


def _send(sha: str | None, mimetype: str, download_name: str | None = None):
    store = get_storage()
    if not sha or not store.exists(sha):
        abort(404)
    return send_file(store.path(sha), mimetype=mimetype, conditional=True, etag=sha,
                     as_attachment=download_name is not None, download_name=download_name,
                     max_age=3600)


@allow(READERS)
def audio(item_id: int):
    obj = media_util.get_item(item_id)
    return _send(obj.rendition_sha256, "audio/mpeg")


@allow(READERS)
def original(item_id: int):
    obj = media_util.get_item(item_id)
    return _send(obj.original_sha256, "application/octet-stream", obj.original_name or "original")
