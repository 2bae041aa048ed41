"""The admin's re-scoping of an account: the unit its role applies to (one audited change)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for

from radio.accounts import scope as account_scope
from radio.accounts import util as account_reads
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from web.access import ADMIN, allow, current_actor
from web.args import TYPED_DATE, parse_date


@allow(ADMIN)
def user_scope(username: str):
    """Set the account's unit from a code and the edition's date, or clear it."""
    user = account_reads.get_user(username)
    form = request.form
    try:
        if form.get("clear"):
            unit = None
        else:
            code = (form.get("unit_code") or "").strip()
            if not code:
                raise DomainError(_("Hãy nhập mã đơn vị hành chính."), "unit_not_found",
                                  field="unit")
            on = parse_date(form.get("unit_on"), "unit_on", message=TYPED_DATE)
            unit = account_scope.unit_by_code(code, on)
        account_scope.set_unit(current_actor(), user, unit)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("admin.user_edit", username=username))
    flash(_("Đã đặt phạm vi của %(name)s: %(unit)s.", name=user.username,
            unit=unit.name if unit else _("toàn mạng lưới")), "success")
    return redirect(url_for("admin.user_edit", username=username))
