"""One access mechanism for every route: roles, read-only auditors, station scope, tokens.

Each view declares who may reach it with @allow(...). A view that declares nothing is denied to
everyone, so a forgotten declaration fails closed. The check runs in one before_request hook.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, g, jsonify, redirect, request, url_for
from flask_login import current_user

from radio import scopes, throttle
from radio.accounts.util import user_by_api_token
from radio.db import db, expect_writes
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import Role, Station
from radio.stations import get_station, station_by_token
from web.extensions import csrf

PUBLIC = "public"
STATION = "station"  # a station device authenticated by its token
ADMIN = (Role.admin.value,)
EDITORS = (Role.admin.value, Role.editor.value)
APPROVERS = (Role.approver.value,)  # lãnh đạo duyệt: decides what goes on air, reads the rest
READERS = (Role.admin.value, Role.editor.value, Role.approver.value, Role.auditor.value)
STAFF = (Role.admin.value, Role.editor.value, Role.approver.value, Role.operator.value,
         Role.auditor.value)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    station_arg: str | None = None
    api: bool = False
    # False for the rare POST that changes no data (signing out), which auditors may use.
    changes_data: bool = True


def allow(*roles: str | tuple, station_arg: str | None = None, changes_data: bool = True):
    """Declare the roles (and the station URL argument, if any) a view is open to."""
    flat: set[str] = set()
    for r in roles:
        flat.update(r if isinstance(r, tuple | list) else (r,))

    def decorator(view):
        view._access = Rule(frozenset(flat), station_arg, changes_data=changes_data)
        return view

    return decorator


def rule_for(endpoint: str) -> Rule | None:
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "_access", None)


@dataclass(frozen=True)
class StationPrincipal:
    """A station device: its token opens only its own station's routes."""

    station: Station
    role: str = STATION

    def can_see_station(self, station: Station) -> bool:
        return station.id == self.station.id


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def api_error(status: int, code: str, message: str, **extra):
    body = {"error": {"code": code, "message": str(message)} | extra}
    return jsonify(body), status


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.args.get("token") or None


def throttled_response(exc: throttle.TooManyAttempts, body):
    """A 429 answer with Retry-After, for the API (JSON error) or a page (rendered body)."""
    response = api_error(429, exc.code, exc.message, retry_after=exc.retry_after) \
        if body is None else current_app.make_response((body, 429))
    response = current_app.make_response(response)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


def record_now(action, *args):
    """Run a throttle write in its own committed transaction, even inside a GET request."""
    db.session.rollback()  # drop the read snapshot: SQLite cannot upgrade it to a writer
    expect_writes(True)
    try:
        action(*args)
    finally:
        db.session.commit()
        expect_writes(request.method not in SAFE_METHODS)


def _resolve_principal():
    """A station or staff token on API routes; the login session everywhere."""
    if is_api_request():
        token = _bearer_token()
        if token:
            address = request.remote_addr or ""
            if throttle.token_locked(address):  # a cheap read first: valid polls write nothing
                record_now(throttle.check_token, address)
            station = station_by_token(token)
            if station is not None:
                return StationPrincipal(station), "token"
            user = user_by_api_token(token)
            if user is not None:
                return user, "token"
            record_now(throttle.token_failed, address)
            return None, "bad_token"
    if current_user.is_authenticated:
        return current_user._get_current_object(), "session"
    return None, None


def _deny(status: int, code: str, message: str):
    if is_api_request():
        return api_error(status, code, message)
    abort(status)


def enforce_access():
    endpoint = request.endpoint
    if endpoint is None or endpoint == "static":
        return None
    rule = rule_for(endpoint)
    if rule is None:
        return _deny(403, "forbidden", _("Không có quyền truy cập."))
    g.principal = None
    g.station = None
    if PUBLIC in rule.roles:
        return None
    try:
        principal, how = _resolve_principal()
    except throttle.TooManyAttempts as exc:
        return throttled_response(exc, None)
    if principal is None:
        if is_api_request():
            if how == "bad_token":
                return api_error(401, "invalid_token", _("Mã truy cập không hợp lệ hoặc đã bị thu hồi."))
            return api_error(401, "unauthenticated", _("Cần mã truy cập (Authorization: Bearer …)."))
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    role = principal.role.value if isinstance(principal.role, Role) else principal.role
    if role not in rule.roles:
        return _deny(403, "forbidden", _("Vai trò của bạn không được phép dùng chức năng này."))
    if role == Role.auditor.value and request.method not in SAFE_METHODS and rule.changes_data:
        return _deny(403, "read_only", _("Tài khoản kiểm tra chỉ được xem, không được thay đổi."))
    if (how == "session" and is_api_request() and request.method not in SAFE_METHODS
            and current_app.config.get("WTF_CSRF_ENABLED", True)):
        csrf.protect()
    if rule.station_arg:
        code = (request.view_args or {}).get(rule.station_arg)
        try:
            station = get_station(code)
        except NotFound as exc:
            return _deny(404, exc.code, exc.message)
        if not principal.can_see_station(station):
            return _deny(403, "station_forbidden", _("Bạn không được phép truy cập đài/trạm này."))
        g.station = station
    g.principal = principal
    return None


def current_actor():
    """The acting staff user for service calls (None for a station device)."""
    principal = g.get("principal")
    return None if isinstance(principal, StationPrincipal) else principal


def stations_in_scope(stations: list[Station], *, chosen: bool) -> list[Station]:
    """The stations a scheduling form or API call may target for the acting principal.

    Stations picked one by one must all lie in the caller's scope (else 403, station_forbidden);
    a broad choice (all stations, all communes) means those of the caller's scope."""
    principal = g.get("principal")
    if chosen:
        scopes.require_stations(principal, stations)
        return stations
    rows = scopes.within_scope(principal, stations)
    if not rows:
        raise DomainError(_("Không có đài/trạm nào trong phạm vi của bạn."), "no_station",
                          field="stations")
    return rows


def require_relay_source(code: str | None) -> None:
    """Refuse (403, station_forbidden) a relay or live source station (by code) the acting
    principal may not relay: one outside their scope that is not a station above it."""
    if code:
        scopes.require_relay_source(g.get("principal"), get_station(code))


# No station has this code: a scope without stations reports on nothing (build_report reads an
# empty list as "every station").
NO_STATION = "-"


def report_station_codes() -> list[str] | None:
    """The station codes a report or export is limited to for the caller; None for all."""
    codes = scopes.scope_station_codes(g.get("principal"))
    if codes is None:
        return None
    return codes or [NO_STATION]


def require_whole_network(what: str) -> None:
    """Refuse (403) a whole-network export (its hash chains cover every station) to a caller
    whose unit leaves some station out; a scope that holds every station may have it."""
    if not scopes.sees_whole_network(g.get("principal")):
        raise scopes.OutOfScope(
            _("%(what)s gồm dữ liệu của toàn mạng lưới; tài khoản theo đơn vị chỉ xuất báo cáo "
              "của các đài/trạm trong phạm vi của mình.", what=what), "scope_whole_network")


def init_app(app) -> None:
    app.before_request(enforce_access)
