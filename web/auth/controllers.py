"""Sign in with a username and password; sign out; switch the interface language."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, render_template, request, session, url_for
from flask_login import login_user, logout_user

from radio import throttle
from radio.accounts.operations import authenticate
from radio.db import db
from radio.i18n import _
from web.access import PUBLIC, STAFF, allow, throttled_response


def _safe_next(target: str | None) -> str:
    # Only a path on this site: browsers read "/\\host" like "//host", so backslashes are out too.
    if (target and target.startswith("/") and not target.startswith("//") and "\\" not in target
            and not urlsplit(target).netloc):
        return target
    return url_for("dashboard.index")


@allow(PUBLIC)
def login():
    error = None
    username = ""
    if request.method == "POST":
        username = request.form.get("username", "")
        address = request.remote_addr or ""
        try:
            throttle.check_signin(username, address)
        except throttle.TooManyAttempts as exc:
            db.session.commit()  # the audit row of the refused try
            body = render_template("auth/login.html", error=exc.message, username=username)
            return throttled_response(exc, body)
        user = authenticate(username, request.form.get("password", ""))
        if user is None:
            throttle.signin_failed(username, address)
            db.session.commit()
            error = _("Sai tên đăng nhập hoặc mật khẩu.")
        else:
            throttle.signin_succeeded(username)
            db.session.commit()
            lang = session.get("lang")
            session.clear()  # no fixation: a fresh session, keeping only the chosen language
            if lang:
                session["lang"] = lang
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", error=error, username=username), (400 if error else 200)


@allow(STAFF, changes_data=False)
def logout():
    logout_user()
    return redirect(url_for("auth.login"))


@allow(PUBLIC)
def set_language(code: str):
    if code in ("vi", "en"):
        session["lang"] = code
    return redirect(_safe_next(request.args.get("next") or request.referrer and urlsplit(request.referrer).path))
