"""Written bulletin pages: the form (paste or upload a text, preview, save) and a new version
of an existing bulletin's text. Works without JavaScript; bulletins.js previews in place."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select

from media import util as media_util
from media.bulletins import operations as ops
from media.bulletins.extract import MAX_BYTES, extract_bytes
from media.speech.engines import available_voices
from radio import clock, reference, scopes
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import ApprovalState, Language
from schedules.entries.versions import follow_new_version
from web.access import EDITORS, allow, current_actor
from web.args import UPLOAD_DATE, parse_date
from web.bulletins import previews

FIELDS = ("title", "text", "voice", "rate", "language", "topic", "agency", "source_doc_number",
          "source_doc_date", "author", "rights_note", "source_name")


def state_label(state: ApprovalState) -> str:
    return {ApprovalState.draft: _("bản nháp"), ApprovalState.submitted: _("chờ duyệt"),
            ApprovalState.approved: _("đã duyệt"), ApprovalState.returned: _("trả lại")}[state]


def _settings():
    return current_app.config["RADIO_SETTINGS"]


def _spoken_languages(voices) -> list[Language]:
    codes = {v.language for v in voices}
    rows = db.session.scalars(select(Language).order_by(Language.position, Language.code))
    return [r for r in rows if r.code in codes]


def _rate(value: str | None) -> float:
    try:
        return float((value or "1").strip().replace(",", "."))
    except ValueError:
        raise DomainError(_("Tốc độ đọc phải là một số từ 0,5 đến 2."), "tts_bad_rate",
                          field="rate") from None


def _render(values: dict, *, item=None, preview_token: str | None = None, error: str = "",
            status: int = 200):
    voices = available_voices(_settings())
    return render_template(
        "bulletins/form.html", values=values, item=item, voices=voices,
        languages=_spoken_languages(voices), topics=reference.list_topics(),
        agencies=reference.list_agencies(), preview_token=preview_token, error=error,
        max_chars=ops.MAX_CHARS, max_bytes=MAX_BYTES), status


def _values(form) -> dict:
    return {k: (form.get(k) or "").strip() if k != "text" else form.get(k) or ""
            for k in FIELDS}


def _extract_into(values: dict) -> None:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise DomainError(_("Hãy chọn tệp .docx, .odt, .txt hoặc .pdf để lấy chữ."),
                          "extract_no_file", field="file")
    data = upload.stream.read(MAX_BYTES + 1)
    values["text"] = extract_bytes(data, upload.filename)
    values["source_name"] = upload.filename[:500]
    if not values["title"]:
        values["title"] = upload.filename.rsplit(".", 1)[0][:500]


def _make_preview(values: dict) -> str:
    wav = ops.preview_wav(values["text"], values["voice"] or None, _rate(values["rate"]),
                          values["language"] or "vi", _settings())
    return previews.keep(_settings(), current_user.id, wav)


@allow(EDITORS)
def new():
    values = _values(request.form) if request.method == "POST" else \
        {k: "" for k in FIELDS} | {"rate": "1", "language": "vi"}
    if request.method == "GET":
        return _render(values)
    action = request.form.get("action", "save")
    try:
        if action == "extract":
            _extract_into(values)
            return _render(values)
        if action == "preview":
            return _render(values, preview_token=_make_preview(values))
        result = ops.make_bulletin(
            current_actor(), title=values["title"], text=values["text"],
            voice_id=values["voice"] or None, rate=_rate(values["rate"]),
            language=values["language"] or "vi",
            topics=[values["topic"]] if values["topic"] else [],
            agency=values["agency"] or None, source_doc_number=values["source_doc_number"],
            source_doc_date=parse_date(values["source_doc_date"], "source_doc_date",
                                       message=UPLOAD_DATE),
            author=values["author"], rights_note=values["rights_note"],
            source_name=values["source_name"], settings=_settings())
    except DomainError as exc:
        db.session.rollback()
        return _render(values, error=exc.message, status=400)
    item = result.item
    db.session.commit()
    flash(_("Đã lưu bản tin “%(title)s” (%(state)s).", title=item.title,
            state=state_label(item.approval)))
    return redirect(url_for("library.item", item_id=item.id))


@allow(EDITORS)
def edit(item_id: int):
    item = media_util.get_item(item_id)
    try:
        bt = ops.bulletin_text(item)
    except DomainError:
        abort(404)
    if request.method == "GET":
        values = {k: "" for k in FIELDS} | {
            "title": item.title, "text": bt.text, "voice": bt.voice, "rate": f"{bt.rate:g}".replace(".", ","),
            "language": item.language}
        return _render(values, item=item)
    values = _values(request.form) | {"language": item.language}
    try:
        if request.form.get("action") == "preview":
            return _render(values, item=item, preview_token=_make_preview(values))
        new_item = ops.revise_bulletin(current_actor(), item, text=values["text"],
                                       voice_id=values["voice"] or None,
                                       rate=_rate(values["rate"]),
                                       title=values["title"] or None, settings=_settings())
        followed = follow_new_version(current_actor(), item, new_item, now=clock.now(),
                                      station_ids=scopes.visible_station_ids(current_user))
    except DomainError as exc:
        db.session.rollback()
        return _render(values, item=item, error=exc.message, status=400)
    db.session.commit()
    flash(_("Đã tạo phiên bản %(v)s (%(state)s). Phiên bản %(old)s giữ nguyên như đã phát; "
            "%(n)s lịch phát và %(m)s số phát chưa phát đã chuyển sang phiên bản mới.",
            v=new_item.version, state=state_label(new_item.approval), old=item.version,
            n=len(followed.entries), m=len(followed.occurrences)))
    return redirect(url_for("library.item", item_id=new_item.id))


@allow(EDITORS)
def preview():
    """The preview for the page's script: the WAV itself, not kept."""
    values = _values(request.form)
    if request.form.get("item_id", "").isdigit():
        values["language"] = media_util.get_item(int(request.form["item_id"])).language
    wav = ops.preview_wav(values["text"], values["voice"] or None, _rate(values["rate"]),
                          values["language"] or "vi", _settings())
    data = wav.read_bytes()
    shutil.rmtree(wav.parent, ignore_errors=True)
    return current_app.response_class(data, mimetype="audio/wav",
                                      headers={"Cache-Control": "no-store"})


@allow(EDITORS)
def preview_audio(token: str):
    path = previews.path_for(_settings(), current_user.id, token)
    if path is None:
        abort(404)
    resp = send_file(path, mimetype="audio/wav", max_age=0)
    resp.headers["Cache-Control"] = "no-store"
    return resp


@allow(EDITORS)
def script():
    """The form's script (served here: the app's access rule denies undeclared endpoints)."""
    resp = send_file(Path(__file__).parent / "static" / "bulletins.js",
                     mimetype="text/javascript", max_age=3600)
    return resp
