"""URL rules of the own-account pages, and the guard that sends a user whose password was reset
to change it before anything else."""

from flask import Blueprint, flash, g, redirect, request, url_for

from radio.i18n import _
from radio.models import User
from web.access import is_api_request
from web.account import controllers as c

bp = Blueprint("account", __name__, url_prefix="/account")

bp.add_url_rule("/password", "password", c.password, methods=["GET", "POST"])

# What a user who must change their password can still open.
OPEN_WHILE_FORCED = {"account.password", "auth.logout", "auth.login", "auth.set_language",
                     "static"}


def force_password_change():
    principal = g.get("principal")
    if not isinstance(principal, User) or not principal.must_change_password:
        return None
    if request.endpoint in OPEN_WHILE_FORCED or is_api_request():
        return None
    flash(_("Mật khẩu của bạn vừa được đặt lại. Hãy đổi mật khẩu trước khi tiếp tục."), "warn")
    return redirect(url_for("account.password", next=request.full_path.rstrip("?")))


def init_app(app) -> None:
    app.before_request(force_password_change)
