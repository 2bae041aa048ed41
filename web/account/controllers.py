"""Change one's own password."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from radio.accounts.operations import change_own_password
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from web.access import STAFF, allow, current_actor


# Every role, auditors too: the password is their own account, not the archive's data.
@allow(STAFF, changes_data=False)
def password():
    user = current_actor()
    error = None
    if request.method == "POST":
        form = request.form
        try:
            change_own_password(user, form.get("current_password", ""),
                                form.get("password", ""), form.get("confirm_password", ""))
            db.session.commit()
            flash(_("Đã đổi mật khẩu."), "success")
            return redirect(_next())
        except DomainError as exc:
            db.session.rollback()
            error = exc
    return render_template("account/password.html", error=error, forced=user.must_change_password,
                           next=request.args.get("next", "")), (400 if error else 200)


def _next() -> str:
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("dashboard.index")
