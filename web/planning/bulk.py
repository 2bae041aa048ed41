"""Bulk actions on the week page: move or cancel the ticked entries, after a confirmation page
that names them (and any warning, such as leaving the broadcast window)."""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, request, url_for

from radio.clock import zone
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _, ngettext
from radio.scopes import OutOfScope
from schedules.entries import bulk
from schedules.entries.util import entry_title
from web.access import EDITORS, allow, current_actor
from web.confirm import confirm_page, confirmed
from web.planning.scope import require_entries


def _int(name: str) -> int:
    raw = (request.form.get(name) or "0").strip() or "0"
    try:
        return int(raw)
    except ValueError:
        raise DomainError(_("“%(v)s” không phải là số nguyên.", v=raw), "invalid_number",
                          field=name) from None


def back_url() -> str:
    """The form's `next` if it is a path of this site, else the planning page."""
    target = request.values.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else \
        url_for("planning.index")


def _dry_run(action) -> DomainError | None:
    """Run an action in a savepoint and undo it: the issues it would raise, or None."""
    savepoint = db.session.begin_nested()
    try:
        action()
    except DomainError as exc:
        return exc
    finally:
        savepoint.rollback()
    return None


@allow(EDITORS)
def entries_bulk():
    actor = current_actor()
    try:
        ids = [int(v) for v in request.form.getlist("entries") if v.isdigit()]
        rows = bulk.chosen_entries(ids)
        require_entries(rows)
        action = request.form.get("action")
        if action == "move":
            delta = timedelta(days=_int("shift_days"), minutes=_int("shift_minutes"))
            run = lambda confirm: bulk.move_entries(actor, rows, delta, confirm=confirm)  # noqa: E731
            question = ngettext("Dời %(num)d lịch phát?", "Dời %(num)d lịch phát?", len(rows))
            button = _("Dời")
        elif action == "cancel":
            run = lambda confirm: bulk.cancel_entries(actor, rows)  # noqa: E731
            question = ngettext("Huỷ %(num)d lịch phát?", "Huỷ %(num)d lịch phát?", len(rows))
            button = _("Huỷ các lịch đã chọn")
        else:
            raise DomainError(_("Hãy chọn dời hoặc huỷ."), "invalid_action", field="action")
        if not confirmed():
            issue = _dry_run(lambda: run(False))
            if issue is not None and not _only_warnings(issue):
                raise issue
            names = "; ".join(f"{r.starts_at.astimezone(zone()):%d/%m %H:%M} {entry_title(r)}"
                              for r in rows)
            warning = f" {issue.message}" if issue is not None else ""
            return confirm_page(question, names + "." + warning, button, back_url())
        n = run(True)
        db.session.commit()
        flash(ngettext("Đã dời %(num)d lịch phát.", "Đã dời %(num)d lịch phát.", n)
              if action == "move" else _("Đã huỷ %(n)s lịch phát.", n=n), "success")
    except OutOfScope:
        raise
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return redirect(back_url())


def _only_warnings(exc: DomainError) -> bool:
    issues = getattr(exc, "issues", None)
    return bool(issues) and all(getattr(i, "level", "error") != "error" for i in issues)
