"""The Flask application factory: reads like a checklist of the subsystems it wires together."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

import media
import media.streams
import radio.accounts
import radio.agent
import radio.alerts
import radio.archive
import radio.asrun
import radio.backup
import radio.cli
import radio.clusters
import radio.fleet
import radio.languages
import radio.units
import schedules
from radio.config import load_settings
from radio.db import db, expect_writes
from radio.errors import DomainError
from radio.i18n import _
from radio.models import User
from web import access, accesslog, filters, proxy
from web.extensions import babel, csrf, login_manager
from web.security_headers import add_security_headers

LOCALES = ("vi", "en")

# Feature blueprints, in the order the navigation shows them.
BLUEPRINTS = [
    "web.auth.blueprint",
    "web.account.blueprint",
    "web.dashboard.blueprint",
    "web.network.blueprint",
    "web.library.blueprint",
    "web.bulletins.blueprint",
    "web.approvals.blueprint",
    "web.planning.blueprint",
    "web.emergency.blueprint",
    "web.operator.blueprint",
    "web.archive.blueprint",
    "web.admin.blueprint",
    "web.clusters.blueprint",
    "web.commands.blueprint",
    "web.alerts.blueprint",
    "web.languages.blueprint",
    "web.speech.blueprint",
    "web.audit.blueprint",
    "web.fleet.blueprint",
    "web.live.blueprint",
    "web.live.streamauth",
    "web.api.openapi",
]


def create_app(test_config: dict | None = None) -> Flask:
    settings = load_settings(test_config)
    app = Flask(__name__)
    app.config.update(
        RADIO_SETTINGS=settings,
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_upload_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        BABEL_DEFAULT_LOCALE="vi",
        BABEL_DEFAULT_TIMEZONE=settings.tz_name,
        WTF_CSRF_TIME_LIMIT=None,
        JSON_AS_ASCII=False,
    )
    app.json.ensure_ascii = False
    # The access log first: ProxyFix, wrapped around it, hands it the client's address.
    accesslog.init_app(app)
    proxy.init_app(app, settings)
    app.config.update({k: v for k, v in (test_config or {}).items() if k.isupper()})

    db.configure(settings.database_url)

    # First of the request hooks: the access check already reads the database.
    @app.before_request
    def declare_write_intent():
        expect_writes(request.method not in access.SAFE_METHODS)

    @app.teardown_request
    def clear_write_intent(_exc=None):
        expect_writes(False)

    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    filters.init_app(app)
    access.init_app(app)
    app.after_request(add_security_headers)

    radio.cli.init_app(app)
    radio.accounts.init_app(app)
    radio.agent.init_app(app)
    radio.asrun.init_app(app)
    radio.archive.init_app(app)
    radio.alerts.init_app(app)
    radio.units.init_app(app)
    radio.clusters.init_app(app)
    radio.fleet.init_app(app)
    radio.languages.init_app(app)
    radio.backup.init_app(app)
    media.streams.init_app(app)
    media.init_app(app)
    schedules.init_app(app)

    import importlib

    for path in BLUEPRINTS:
        module = importlib.import_module(path)
        app.register_blueprint(module.bp)
        if getattr(module, "csrf_exempt", False):
            csrf.exempt(module.bp)
        if hasattr(module, "init_app"):
            module.init_app(app)

    from web.cli import init_app as init_web_cli

    init_web_cli(app)
    _register_error_handlers(app)

    @app.teardown_appcontext
    def remove_session(_exc=None):
        db.session.remove()

    @app.context_processor
    def inject():
        return {"locales": LOCALES, "current_locale": select_locale(),
                "principal": g.get("principal"), "role_names": role_names(),
                "config_endpoints": app.view_functions.keys()}

    return app


def role_names() -> dict[str, str]:
    return {"admin": _("Quản trị"), "editor": _("Biên tập viên"),
            "approver": _("Lãnh đạo duyệt"), "operator": _("Người vận hành trạm"), "auditor": _("Kiểm tra")}


def select_locale() -> str:
    lang = session.get("lang") if request else None
    return lang if lang in LOCALES else "vi"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        if access.is_api_request():
            extra = {"field": exc.field} if exc.field else {}
            extra |= exc.details
            return access.api_error(exc.status, exc.code, exc.message, **extra)
        return render_template("error.html", status=exc.status, message=exc.message), exc.status

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        message = _("Biểu mẫu đã hết hạn hoặc thiếu mã bảo vệ (CSRF). Hãy tải lại trang và thử lại.")
        if access.is_api_request():
            return access.api_error(400, "csrf", message)
        return render_template("error.html", status=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            400: _("Yêu cầu không hợp lệ."),
            403: _("Bạn không có quyền truy cập trang này."),
            404: _("Không tìm thấy trang hoặc dữ liệu yêu cầu."),
            405: _("Phương thức không được hỗ trợ."),
            413: _("Tệp tải lên quá lớn."),
        }
        message = messages.get(exc.code, exc.description or exc.name)
        if access.is_api_request():
            codes = {400: "bad_request", 403: "forbidden", 404: "not_found",
                     405: "method_not_allowed", 413: "too_large"}
            return access.api_error(exc.code or 500, codes.get(exc.code, "error"), message)
        return render_template("error.html", status=exc.code, message=message), exc.code


def home_redirect():
    return redirect(url_for("dashboard.index"))
