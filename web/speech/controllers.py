"""Abbreviation settings: the built-in list (read-only), the editors' rows (add, edit, delete)
and a "thử đọc" box (a GET, so readers may use it too) that shows the normalised text.
Abbreviations apply to every unit, so no unit scope narrows them; one commit per request; a
DomainError is shown on the same page and writes nothing."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from media.speech import abbreviation_ops as ops
from media.speech.abbreviations import BUILTIN, abbreviations_for, editor_rows
from media.speech.normalise import normalise
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from web.access import EDITORS, READERS, allow, current_actor
from web.confirm import confirm_page, confirmed

LANGUAGE = "vi"
MAX_PREVIEW = 3000


def _page(form=None, error=None, status=200):
    sample = (request.args.get("text") or "")[:MAX_PREVIEW]
    rows = editor_rows(LANGUAGE)
    builtin = BUILTIN.get(LANGUAGE, {})
    overridden = {r.abbreviation for r in rows if r.abbreviation in builtin}
    return render_template(
        "speech/index.html", builtin=sorted(builtin.items()), rows=rows, overridden=overridden,
        form=form if form is not None else MultiDict(), error=error, sample=sample,
        spoken=normalise(sample, abbreviations_for(LANGUAGE)) if sample.strip() else "",
        max_abbreviation=ops.MAX_ABBREVIATION, max_expansion=ops.MAX_EXPANSION), status


@allow(READERS)
def index():
    return _page()


@allow(EDITORS)
def create():
    form = request.form
    try:
        row = ops.create_abbreviation(current_actor(), form.get("abbreviation"),
                                      form.get("expansion"), language=LANGUAGE)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return _page(form, error=exc, status=400)
    flash(_("Đã thêm chữ viết tắt %(a)s.", a=row.abbreviation), "success")
    return redirect(url_for("speech.index"))


def _edit_page(row, form, error=None, status=200):
    return render_template("speech/edit.html", row=row, form=form, error=error,
                           builtin=BUILTIN.get(LANGUAGE, {}).get(row.abbreviation),
                           max_abbreviation=ops.MAX_ABBREVIATION,
                           max_expansion=ops.MAX_EXPANSION), status


@allow(EDITORS)
def edit(abbreviation_id: int):
    row = ops.get_abbreviation(abbreviation_id)
    if request.method != "POST":
        return _edit_page(row, MultiDict({"abbreviation": row.abbreviation,
                                          "expansion": row.expansion}))
    form = request.form
    try:
        ops.update_abbreviation(current_actor(), row, form.get("abbreviation"),
                                form.get("expansion"))
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return _edit_page(ops.get_abbreviation(abbreviation_id), form, error=exc, status=400)
    flash(_("Đã lưu chữ viết tắt %(a)s.", a=row.abbreviation), "success")
    return redirect(url_for("speech.index"))


@allow(EDITORS)
def delete(abbreviation_id: int):
    row = ops.get_abbreviation(abbreviation_id)
    if not confirmed():
        return confirm_page(_("Xóa chữ viết tắt"),
                            _("Xóa “%(a)s” → “%(e)s”? Bản tin mới sẽ không đọc theo dòng này "
                              "nữa.", a=row.abbreviation, e=row.expansion),
                            _("Xóa"), url_for("speech.index"))
    abbreviation = row.abbreviation
    ops.delete_abbreviation(current_actor(), row)
    db.session.commit()
    flash(_("Đã xóa chữ viết tắt %(a)s.", a=abbreviation), "success")
    return redirect(url_for("speech.index"))
