"""Language pages: the list for every reader; add, edit and delete for admins. The services in
radio.languages validate and audit; one commit per request; a DomainError is shown on the same
page with nothing written. Languages are one list for the whole network, so no unit or station
scope applies."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.languages import operations, util
from web.access import ADMIN, READERS, allow, current_actor


def _index_page(form, error=None):
    rows = util.list_languages()
    return render_template("languages/index.html", languages=rows, form=form, error=error,
                           used={r.code for r in rows if util.in_use(r.code)}), (
        400 if error else 200)


def _language(code: str):
    lang = util.get_language(code)
    if lang is None:
        abort(404)
    return lang


@allow(READERS)
def index():
    return _index_page(MultiDict())


@allow(ADMIN)
def add():
    form = request.form
    try:
        lang = operations.add_language(current_actor(), code=form.get("code", ""),
                                       name=form.get("name", ""),
                                       name_en=form.get("name_en", ""))
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return _index_page(form, error=exc)
    flash(_("Đã thêm ngôn ngữ %(name)s (%(code)s).", name=lang.name, code=lang.code), "success")
    return redirect(url_for("languages.index"))


@allow(ADMIN)
def edit(code: str):
    lang = _language(code)
    form = request.form
    error = None
    if request.method == "POST":
        try:
            position = form.get("position", "").strip()
            if position and not position.lstrip("-").isdigit():
                raise DomainError(_("Thứ tự phải là số nguyên."), "invalid_position",
                                  field="position")
            operations.update_language(current_actor(), lang, name=form.get("name", ""),
                                       name_en=form.get("name_en", ""),
                                       position=int(position) if position else None)
            db.session.commit()
            flash(_("Đã lưu ngôn ngữ %(name)s.", name=lang.name), "success")
            return redirect(url_for("languages.index"))
        except DomainError as exc:
            db.session.rollback()
            lang, error = _language(code), exc
    return render_template("languages/form.html", language=lang, form=form, error=error,
                           used=util.in_use(lang.code)), 400 if error else 200


@allow(ADMIN)
def delete(code: str):
    lang = _language(code)
    try:
        name = lang.name
        operations.delete_language(current_actor(), lang)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return _index_page(MultiDict(), error=exc)
    flash(_("Đã xóa ngôn ngữ %(name)s.", name=name), "success")
    return redirect(url_for("languages.index"))
